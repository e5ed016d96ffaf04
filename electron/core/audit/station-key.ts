import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { nullIfMissingSync } from '../files/missing-file';
import { createPrivateFileSync, writePrivateFileSync } from '../files/private-file';
import { openSecret, sealSecret } from '../files/secret-seal';
import { generateSigningKeys, publicKeyOf, type KeyPair } from '../trust/signing';

/** Beside the database, never in it: whoever holds only the database file cannot re-key the audit chain. */
export const STATION_KEY_FILE = 'station-key.json';

const Payload = z.object({
  algorithm: z.enum(['ed25519', 'sm2']),
  privateKey: z.string().min(1),
  /** The first event id hashed with this key; events below it were written before the store had one (plain SHA-256). */
  chainFrom: z.number().int().positive(),
});
type Payload = z.infer<typeof Payload>;
const b64 = z.base64();
const Seal = z.object({ nonce: b64, tag: b64, sealed: b64 });
type Seal = z.infer<typeof Seal>;
/**
 * Version 1 (earlier versions, and plaintext stores) holds the private key in the clear. Version 2
 * holds it sealed (AES-256-GCM) under a key derived from the database's key, so the station's
 * signing key is no more readable at rest than the database: a stolen disk cannot forge the
 * station's seals or re-key its audit chain. Two seals only while a key rotation is under way
 * (one under each database key, whichever the database is under when a kill cuts the rotation).
 */
const StationKeyFile = z.discriminatedUnion('version', [
  z.object({ format: z.literal('hpf-desk/station-key'), version: z.literal(1), ...Payload.shape }),
  z.object({ format: z.literal('hpf-desk/station-key'), version: z.literal(2), seals: z.array(Seal).min(1).max(2) }),
]);
type StationKeyFile = z.infer<typeof StationKeyFile>;

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
const sealKeyOf = (databaseKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'hpf-desk/station-key', 32));
const AAD = Buffer.from('hpf-desk/station-key/v2');

const seal = (payload: Payload, databaseKey: Buffer): Seal => sealSecret(sealKeyOf(databaseKey), Buffer.from(JSON.stringify(payload), 'utf8'), AAD);

function unseal(s: Seal, databaseKey: Buffer): Payload | null {
  const opened = openSecret(sealKeyOf(databaseKey), s, AAD);
  if (!opened) return null;
  try {
    return Payload.parse(JSON.parse(opened.toString('utf8')));
  } catch {
    return null;
  }
}

const fileOf = (dataDir: string) => path.join(dataDir, STATION_KEY_FILE);
const textOf = (content: StationKeyFile) => `${JSON.stringify(content, null, 2)}\n`;
const sealedFile = (seals: Seal[]): StationKeyFile => ({ format: 'hpf-desk/station-key', version: 2, seals });

function readStationKeyFile(file: string): StationKeyFile | null {
  const text = nullIfMissingSync(() => readFileSync(file, 'utf8'));
  if (text === null) return null;
  const parsed = StationKeyFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a station key file: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The key pair in `content`: in the clear (version 1), or from the seal `databaseKey` opens. */
function payloadOf(content: StationKeyFile, databaseKey: Buffer | null, file: string): Payload {
  if (content.version === 1) return Payload.parse(content);
  const opened = databaseKey ? content.seals.map((s) => unseal(s, databaseKey)).find((p) => p !== null) : undefined;
  if (!opened) throw new Error(`${file}: 站点密钥不是用此数据库的密钥封存的 / the station key is not sealed under this database's key`);
  return opened;
}

function stationKeyOf({ algorithm, privateKey, chainFrom }: Payload): StationKey {
  const keys: KeyPair = { algorithm, privateKey, publicKey: publicKeyOf(algorithm, privateKey) };
  return { keys, macKey: deriveMacKey(keys), chainFrom };
}

/**
 * The key of the store whose database is `dbFile`, made on first open. `nextEventId` is where a
 * new key's chain starts (events already there stay as they were hashed). Two processes opening
 * a new store together make one key: the file appears whole (hard link of a synced temp file) or
 * not at all, and the loser reads the winner's. With `databaseKey` (an encrypted store) the file
 * is sealed; a clear one of an earlier version is sealed in place (one atomic replace).
 */
export function loadOrCreateStationKey(dbFile: string, nextEventId: () => number, databaseKey: Buffer | null): StationKey {
  const file = fileOf(path.dirname(dbFile));
  let content = readStationKeyFile(file);
  if (!content) {
    const keys = generateSigningKeys('ed25519');
    const payload: Payload = { algorithm: keys.algorithm, privateKey: keys.privateKey, chainFrom: nextEventId() };
    // Two processes opening a new store at once keep the first one's key.
    createPrivateFileSync(file, textOf(databaseKey ? sealedFile([seal(payload, databaseKey)]) : { format: 'hpf-desk/station-key', version: 1, ...payload }));
    content = readStationKeyFile(file)!;
  }
  const payload = payloadOf(content, databaseKey, file);
  if (content.version === 1 && databaseKey) writePrivateFileSync(file, textOf(sealedFile([seal(payload, databaseKey)])));
  return stationKeyOf(payload);
}

/**
 * A key rotation's step for this file: a second seal, under the database's next key, before the
 * database is re-keyed. Nothing to do when one already opens under `to`.
 */
export function addStationKeySeal(dataDir: string, from: Buffer, to: Buffer): void {
  const file = fileOf(dataDir);
  const content = readStationKeyFile(file);
  if (!content) return;
  if (content.version === 2 && content.seals.some((s) => unseal(s, to))) return;
  const payload = payloadOf(content, from, file);
  writePrivateFileSync(file, textOf(sealedFile([...(content.version === 2 ? content.seals : []), seal(payload, to)])));
}

/** The rotation's last step for this file: only the seal under the database's key `keep` stays. */
export function keepStationKeySeal(dataDir: string, keep: Buffer): void {
  const file = fileOf(dataDir);
  const content = readStationKeyFile(file);
  if (content?.version !== 2) return;
  const kept = content.seals.filter((s) => unseal(s, keep));
  if (kept.length === 0) throw new Error(`${file}: 站点密钥不是用此数据库的密钥封存的 / the station key is not sealed under this database's key`);
  if (kept.length < content.seals.length) writePrivateFileSync(file, textOf(sealedFile(kept)));
}
