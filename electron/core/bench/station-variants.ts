import { createHash } from 'node:crypto';
import { manifestText, parseManifest } from '../transfer/bag-text';
import { readSeal, SEAL_FILE, sealBag } from '../transfer/chain-seal';
import { generateSigningKeys, type KeyPair } from '../trust/signing';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The same batch as another station would bag it: its own Station-Id in bag-info.txt, sealed by
 * its own key (a new one unless given) over the same audit chain, and the tag manifest made again
 * (the payload is shared). Many stations' worth of valid bags without importing each one, for the
 * receiver's tests and benchmark.
 */
export function asStation(bag: ReadonlyMap<string, Buffer>, stationId: string, keys: KeyPair = generateSigningKeys('ed25519')): Map<string, Buffer> {
  const files = new Map(bag);
  const info = files.get('bag-info.txt')!.toString('utf8').replace(/^Station-Id: .*$/m, `Station-Id: ${stationId}`);
  files.set('bag-info.txt', Buffer.from(info));
  const seal = readSeal(files.get(SEAL_FILE)!);
  files.set(SEAL_FILE, sealBag(keys, { ...seal, stationId, bagInfoSha256: sha256(files.get('bag-info.txt')!) }));
  // The same tag files the station listed (fixity files included), hashed again after the changes.
  const tags = [...parseManifest(files.get('tagmanifest-sha256.txt')!.toString('utf8'))!.keys()];
  files.set('tagmanifest-sha256.txt', Buffer.from(manifestText(tags.map((p) => ({ path: p, digest: sha256(files.get(p)!) })))));
  return files;
}
