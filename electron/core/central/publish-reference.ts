import { createHash } from 'node:crypto';
import { PAYLOAD_TYPES, sealEnvelope } from '../trust/signed-envelope';
import type { KeyPair } from '../trust/signing';
import type { CentreStore } from './centre-store';

/**
 * Publish reference data to stations' prefixes (contract §5): the files first, then the signed
 * index last, so a station never sees an index whose files are not there yet.
 */
export async function publishReference(store: CentreStore, keys: KeyPair, prefixes: readonly string[], revision: number, files: ReadonlyMap<string, Buffer>): Promise<void> {
  const listed = [...files].map(([name, bytes]) => ({ name, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mime: 'application/json' }));
  const index = sealEnvelope(keys, PAYLOAD_TYPES.reference, Buffer.from(JSON.stringify({ format: 'hpf-desk/reference-data', revision, files: listed })));
  for (const prefix of prefixes) {
    for (const [name, bytes] of files) await store.write(`${prefix}config/${name}`, bytes);
    await store.write(`${prefix}config/index.json`, index);
  }
}
