import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChainHead } from '../audit/event-log';
import { METADATA_PATHS } from '../transfer/bag-layout';
import { BagSeal, readSeal, SEAL_FILE } from '../transfer/chain-seal';
import { openEnvelope, PAYLOAD_TYPES } from '../trust/signed-envelope';
import type { PublicKeyRef } from '../trust/signing';
import type { ReceiptCheck } from './receipt-checks';

/** What the centre holds of a station's chain: the key it pinned at the first bag, and the event hashes it has seen. */
export interface HeldChain {
  readonly key: PublicKeyRef | null;
  /** Hashes by event id, for the ids the bag's extract spans (its `previous` included). */
  readonly known: ReadonlyMap<number, string>;
}

export type ChainVerdict =
  | { readonly ok: true; readonly seal: BagSeal; readonly events: readonly ChainHead[]; readonly check: ReceiptCheck }
  | { readonly ok: false; readonly check: ReceiptCheck };

const Line = z.object({ id: z.number().int().positive(), prevHash: z.string(), hash: z.string() }).passthrough();
const sha256 = (bytes: Buffer | undefined): string => createHash('sha256').update(bytes ?? Buffer.alloc(0)).digest('hex');
const fail = (problem: string): ChainVerdict => ({ ok: false, check: { aspect: 'authenticity', id: 'receipt.chain', ok: false, problems: [problem] } });

/** The range of event ids a bag's seal says it carries, read before anything is checked (to look up what the centre holds); null without a readable seal. */
export function sealedRange(files: ReadonlyMap<string, Buffer>): { stationId: string; from: number; to: number } | null {
  try {
    const seal = readSeal(files.get(SEAL_FILE)!);
    return { stationId: seal.stationId, from: seal.previous.id, to: seal.head.id };
  } catch {
    return null;
  }
}

/**
 * The station's seal and the audit chain it carries (docs/central-contract.md §7.4): signed by the
 * key the centre pinned for the station (or, at its first bag, by the key it presents); for this
 * bag and station; the events contiguous from `previous` to `head`; and continuing the chain the
 * centre holds — `previous` is an event it has, and every event it has already seen is unchanged.
 * The centre cannot recompute the station's keyed hashes, only their links: the keys stay at the station.
 */
export function judgeBagChain(batchId: string, stationId: string, files: ReadonlyMap<string, Buffer>, held: HeldChain): ChainVerdict {
  const bytes = files.get(SEAL_FILE);
  if (!bytes) return fail(`no ${SEAL_FILE}: the bag is not sealed by its station`);
  let claimed: BagSeal;
  try {
    claimed = readSeal(bytes);
  } catch (err) {
    return fail(`${SEAL_FILE} is not a bag seal: ${(err as Error).message.slice(0, 200)}`);
  }
  const key = held.key ?? claimed.stationKey;
  if (held.key && (held.key.algorithm !== claimed.stationKey.algorithm || held.key.publicKey !== claimed.stationKey.publicKey)) {
    return fail('the seal presents another station key than the one the centre holds for this station');
  }
  const opened = openEnvelope(bytes, PAYLOAD_TYPES.bag, key);
  if (!opened.ok) return fail(`${SEAL_FILE}: ${opened.reason}`);
  const seal = BagSeal.parse(JSON.parse(opened.payload.toString('utf8')));
  if (seal.batchId !== batchId || seal.stationId !== stationId) return fail(`the seal is for batch ${seal.batchId} of station ${seal.stationId}`);
  if (seal.manifestSha256 !== sha256(files.get('manifest-sha256.txt')) || seal.bagInfoSha256 !== sha256(files.get('bag-info.txt'))) {
    return fail('the seal does not cover this bag (manifest-sha256.txt or bag-info.txt differ)');
  }

  const events: ChainHead[] = [];
  let prev: ChainHead = seal.previous;
  for (const text of (files.get(METADATA_PATHS.auditChain)?.toString('utf8') ?? '').split('\n').filter((l) => l !== '')) {
    const line = Line.safeParse(JSON.parse(text));
    if (!line.success) return fail(`${METADATA_PATHS.auditChain}: a line is not an event`);
    const e = line.data;
    if (e.id !== prev.id + 1 || e.prevHash !== prev.hash) return fail(`the chain the bag carries is broken at event #${e.id} (after #${prev.id})`);
    events.push({ id: e.id, hash: e.hash });
    prev = { id: e.id, hash: e.hash };
  }
  if (prev.id !== seal.head.id || prev.hash !== seal.head.hash) return fail(`the events the bag carries end at #${prev.id}, the seal names head #${seal.head.id}`);

  if (seal.previous.id > 0 && held.known.get(seal.previous.id) === undefined) {
    return fail(`does not continue the chain the centre holds: event #${seal.previous.id}, where this bag's events start, was never received`);
  }
  for (const e of [seal.previous, ...events]) {
    const known = held.known.get(e.id);
    if (known !== undefined && known !== e.hash) return fail(`does not continue the chain the centre holds: event #${e.id} differs from the one received before (rewritten)`);
  }
  return { ok: true, seal, events, check: { aspect: 'authenticity', id: 'receipt.chain', ok: true, problems: [] } };
}
