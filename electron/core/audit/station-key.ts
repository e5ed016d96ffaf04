import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createPrivateFileSync } from '../files/private-file';
import { generateSigningKeys, publicKeyOf, type KeyPair } from '../trust/signing';

/** Beside the database, never in it: whoever holds only the database file cannot re-key the audit chain. */
export const STATION_KEY_FILE = 'station-key.json';

const StationKeyFile = z.object({
  format: z.literal('hpf-desk/station-key'),
  version: z.literal(1),
  algorithm: z.enum(['ed25519', 'sm2']),
  privateKey: z.string().min(1),
  /** The first event id hashed with this key; events below it were written before the store had one (plain SHA-256). */
  chainFrom: z.number().int().positive(),
});

/**
 * The station's own key pair (it signs every bag's seal, docs/central-contract.md §7.4) and the
 * audit chain's HMAC key derived from it.
 */
export interface StationKey {
  readonly keys: KeyPair;
  readonly macKey: Buffer;
  readonly chainFrom: number;
}

const deriveMacKey = (keys: KeyPair): Buffer => Buffer.from(hkdfSync('sha256', Buffer.from(keys.privateKey), Buffer.alloc(0), 'hpf-desk audit chain v2', 32));

function parse(text: string, file: string): StationKey {
  const parsed = StationKeyFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a station key file: ${parsed.error.issues[0]?.message ?? ''}`);
  const { algorithm, privateKey, chainFrom } = parsed.data;
  const keys: KeyPair = { algorithm, privateKey, publicKey: publicKeyOf(algorithm, privateKey) };
  return { keys, macKey: deriveMacKey(keys), chainFrom };
}

/**
 * The key of the store whose database is `dbFile`, made on first open. `nextEventId` is where a
 * new key's chain starts (events already there stay as they were hashed). Two processes opening
 * a new store together make one key: the file appears whole (hard link of a synced temp file) or
 * not at all, and the loser reads the winner's.
 */
export function loadOrCreateStationKey(dbFile: string, nextEventId: () => number): StationKey {
  const file = path.join(path.dirname(dbFile), STATION_KEY_FILE);
  try {
    return parse(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const keys = generateSigningKeys('ed25519');
  const text = `${JSON.stringify({ format: 'hpf-desk/station-key', version: 1, algorithm: keys.algorithm, privateKey: keys.privateKey, chainFrom: nextEventId() }, null, 2)}\n`;
  // Two processes opening a new store at once keep the first one's key.
  createPrivateFileSync(file, text);
  return parse(readFileSync(file, 'utf8'), file);
}
