import { decryptObject } from '../files/object-cipher';
import { COMMIT_MARKER, parseManifest } from '../transfer/bag-text';
import { openEnvelope, SEALED_ENVELOPE, type SealedBagKeys } from '../transfer/sealed-bag';
import type { EncryptionKeyPair } from '../trust/carrier-keys';
import type { ReceiptCheck } from './receipt-checks';

export interface OpenedCarrier {
  /** The bag's files by bag path, as the station packed them. */
  readonly files: Map<string, Buffer>;
  /** The opening's finding (security): null for a bag that came in the clear. */
  readonly check: ReceiptCheck | null;
  /** The station the envelope names ('' for a bag in the clear: its bag-info says). */
  readonly stationId: string;
}

async function open(bag: SealedBagKeys, path: string, stored: Buffer): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of decryptObject(bag.keys, bag.sealedPath(path), (async function* () { yield stored; })())) out.push(chunk);
  return Buffer.concat(out);
}

/**
 * A received bag as the station packed it: a bag sealed for this centre (transfer/sealed-bag.ts)
 * is opened with the centre's encryption key, every file's tags checked; a bag in the clear is
 * passed on as it is. What does not open is named in a failing check, so the bag is rejected
 * with that reason, and is left out of the files (the receipt checks then see it missing).
 */
export async function openCarrier(batchId: string, received: ReadonlyMap<string, Buffer>, keys: EncryptionKeyPair | null): Promise<OpenedCarrier> {
  const envelope = received.get(SEALED_ENVELOPE);
  if (!envelope) return { files: new Map(received), check: null, stationId: '' };
  const opened = openEnvelope(envelope, batchId, keys);
  const verdict = (problems: string[]): ReceiptCheck => ({ aspect: 'security', id: 'receipt.carrier', ok: problems.length === 0, problems: problems.slice(0, 20) });
  if (!opened.ok) return { files: new Map(), check: verdict([opened.problem]), stationId: opened.stationId };
  const { bag } = opened;
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  const claimed = new Set([SEALED_ENVELOPE]);
  const take = async (path: string): Promise<Buffer | null> => {
    const name = bag.sealedPath(path);
    const stored = received.get(name);
    if (!stored || files.has(path)) return files.get(path) ?? null;
    claimed.add(name);
    try {
      const plain = await open(bag, path, stored);
      files.set(path, plain);
      return plain;
    } catch {
      problems.push(`${path} does not open (altered, or not sealed for this centre)`);
      return null;
    }
  };
  // The marker names the tag files; the payload manifest names the payload.
  const tags = parseManifest((await take(COMMIT_MARKER))?.toString('utf8') ?? '');
  for (const path of tags?.keys() ?? []) await take(path);
  for (const manifest of ['manifest-sha256.txt', 'manifest-sha512.txt']) {
    for (const path of parseManifest(files.get(manifest)?.toString('utf8') ?? '')?.keys() ?? []) await take(path);
  }
  const unclaimed = [...received.keys()].filter((name) => !claimed.has(name));
  if (unclaimed.length > 0) problems.push(`${unclaimed.length} sealed file(s) belong to no path the bag lists: ${unclaimed.slice(0, 3).join(', ')}`);
  return { files, check: verdict(problems), stationId: opened.stationId };
}
