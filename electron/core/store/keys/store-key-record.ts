import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CryptoSuite, DEFAULT_SUITE } from '../../files/crypto-suite';
import { syncDirectory } from '../../files/durable-copy';
import { nullIfMissing } from '../../files/missing-file';
import { writePrivateFile } from '../../files/private-file';
import { openSecret, sealSecret } from '../../files/secret-seal';
import type { KekRef, KekSource } from './kek-source';
import { StoreKeyError } from './store-key-error';

/**
 * The store's key record, `store-key.json` beside the database: one random 256-bit data key per
 * store, kept only wrapped (AES-256-GCM) by one or more key-encryption keys. Re-keying the
 * operator's side (a new key file, the keychain, a recovery passphrase) re-wraps these 32 bytes
 * and never touches the database or the objects. The GCM tag is what tells a wrong key from a
 * damaged store: a wrap that fails to open means the KEK is wrong; a data key that opens but
 * does not open the database means the database is damaged.
 */
export const STORE_KEY_FILE = 'store-key.json';

const b64 = z.base64();
const Ref = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('key-file'), id: z.string().min(1) }),
  z.object({ kind: z.literal('os-keychain'), id: z.string().min(1) }),
  z.object({ kind: z.literal('recovery'), id: z.string().min(1) }),
  z.object({ kind: z.literal('passphrase'), salt: b64, n: z.int().min(1 << 14).max(1 << 20), r: z.int().min(1).max(32), p: z.int().min(1).max(16) }),
]);
const Wrap = z.object({ kek: Ref, nonce: b64, tag: b64, wrapped: b64 });
/**
 * A data-key rotation under way (key-rotation.ts): the next data key, wrapped like the current
 * one, written before anything is re-encrypted with it, so an interrupted rotation is finished
 * by the next open. `id` names it in the audit log, `by` is who started it.
 */
const Rotation = z.object({ id: z.uuid(), by: z.string().min(1), wraps: z.array(Wrap).min(1) });
const StoreKeyRecord = z.object({
  format: z.literal('hpf-desk/store-key'),
  version: z.literal(1),
  storeId: z.uuid(),
  // Chosen when the store is made and never changed: objects of the other suite would still be read, but names would no longer match.
  crypto: CryptoSuite.default(DEFAULT_SUITE),
  wraps: z.array(Wrap).min(1),
  rotation: Rotation.optional(),
});
export type StoreKeyRecord = z.infer<typeof StoreKeyRecord>;
export type KeyRotation = z.infer<typeof Rotation>;
type Wrap = z.infer<typeof Wrap>;

/** A store's unwrapped data key, and the store it belongs to. */
export interface DataKey {
  readonly storeId: string;
  readonly key: Buffer;
}

/**
 * What each part of the store uses: never the data key itself, one derived key per purpose (the
 * database, the objects' AEAD, the objects' keyed names).
 */
export type KeyPurpose = 'sqlite' | 'objects' | 'object-names';

export function deriveKey(dataKey: DataKey, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey.key, Buffer.from(dataKey.storeId), `hpf-desk/${purpose}`, 32));
}

// The wrap is bound to its store and to its KEK reference (a passphrase's salt and costs included).
const wrapAad = (storeId: string, ref: KekRef) => Buffer.from(`hpf-desk/store-key/v1\n${storeId}\n${JSON.stringify(ref)}`);

function wrap(storeId: string, key: Buffer, ref: KekRef, kek: Buffer): Wrap {
  const { nonce, tag, sealed } = sealSecret(kek, key, wrapAad(storeId, ref));
  return { kek: ref, nonce, tag, wrapped: sealed };
}

const unwrap = (storeId: string, w: Wrap, kek: Buffer): Buffer | null => openSecret(kek, { nonce: w.nonce, tag: w.tag, sealed: w.wrapped }, wrapAad(storeId, w.kek));

const recordPath = (dataDir: string) => path.join(dataDir, STORE_KEY_FILE);

/** The store's key record, or null when the store has none (new, or plaintext from an earlier version). */
export async function readStoreKeyRecord(dataDir: string): Promise<StoreKeyRecord | null> {
  const text = await nullIfMissing(readFile(recordPath(dataDir), 'utf8'));
  if (text === null) return null;
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below as damaged
  }
  const parsed = StoreKeyRecord.safeParse(json);
  if (!parsed.success) throw new StoreKeyError('corrupt', `数据存储的密钥记录已损坏 / the store's key record is damaged: ${recordPath(dataDir)}`);
  return parsed.data;
}

async function writeRecord(dataDir: string, record: StoreKeyRecord): Promise<void> {
  await writePrivateFile(recordPath(dataDir), `${JSON.stringify(record, null, 2)}\n`);
  await syncDirectory(dataDir);
}

/** A new store's data key, wrapped for `source` and written (with the store's suite) before anything is encrypted with it. */
export async function createDataKey(dataDir: string, source: KekSource, crypto: CryptoSuite = DEFAULT_SUITE): Promise<DataKey> {
  const storeId = randomUUID();
  const key = randomBytes(32);
  const { ref, kek } = await source.create();
  await writeRecord(dataDir, { format: 'hpf-desk/store-key', version: 1, storeId, crypto, wraps: [wrap(storeId, key, ref, kek)] });
  return { storeId, key };
}

/**
 * Let one more key open the store: the data key wrapped for `source` is added to the record (a
 * recovery key kept offline). The database and the objects are not touched.
 */
export async function addWrap(dataDir: string, dataKey: DataKey, source: KekSource): Promise<KekRef> {
  const record = await readStoreKeyRecord(dataDir);
  if (!record || record.storeId !== dataKey.storeId) throw new StoreKeyError('corrupt', `密钥记录与数据存储不符 / the key record is not this store's: ${recordPath(dataDir)}`);
  const { ref, kek } = await source.create();
  await writeRecord(dataDir, { ...record, wraps: [...record.wraps, wrap(record.storeId, dataKey.key, ref, kek)] });
  return ref;
}

/**
 * Unwrap the data key with the first source that holds a KEK for one of the record's wraps.
 * `locked` when none does, `wrong-key` when one claims a wrap and the wrap does not open.
 */
export async function unlockDataKey(record: StoreKeyRecord, sources: readonly KekSource[]): Promise<DataKey> {
  let refusal: StoreKeyError | null = null;
  for (const source of sources) {
    for (const w of record.wraps) {
      let kek: Buffer | null;
      try {
        kek = await source.open(w.kek);
      } catch (err) {
        if (!(err instanceof StoreKeyError) || err.code !== 'wrong-key') throw err;
        refusal ??= err;
        continue;
      }
      if (kek === null) continue;
      const key = unwrap(record.storeId, w, kek);
      if (key) return { storeId: record.storeId, key };
      refusal ??= new StoreKeyError('wrong-key', `${source.describe} 打不开此数据存储的密钥（口令错误或密钥不符）/ does not open this store's key (a wrong passphrase or another key)`);
    }
  }
  if (refusal) throw refusal;
  const kinds = [...new Set(record.wraps.map((w) => w.kek.kind))].join(', ');
  throw new StoreKeyError(
    'locked',
    `数据存储已加密，此处没有它的密钥（需要：${kinds}）/ the store is encrypted and its key is not available here (it opens with: ${kinds})`,
  );
}

/**
 * Start a data-key rotation: a new random data key for the same store, wrapped with the KEK of
 * every current wrap that `sources` can still open (same reference, so the same key file,
 * keychain entry or passphrase opens the store after it). Wraps whose KEK is not at hand (a
 * recovery key kept offline) cannot be re-made: they are dropped when the rotation ends, and
 * returned so the operator is told to export a new recovery copy. Nothing is re-encrypted here.
 */
export async function beginRotation(
  dataDir: string,
  current: DataKey,
  sources: readonly KekSource[],
  by: string,
): Promise<{ readonly next: DataKey; readonly rotation: KeyRotation; readonly dropped: readonly KekRef[] }> {
  const record = await readStoreKeyRecord(dataDir);
  if (!record || record.storeId !== current.storeId) throw new StoreKeyError('corrupt', `密钥记录与数据存储不符 / the key record is not this store's: ${recordPath(dataDir)}`);
  const next: DataKey = { storeId: record.storeId, key: randomBytes(32) };
  const wraps: Wrap[] = [];
  const dropped: KekRef[] = [];
  for (const w of record.wraps) {
    const kek = await kekOf(record.storeId, w, current.key, sources);
    if (kek) wraps.push(wrap(record.storeId, next.key, w.kek, kek));
    else dropped.push(w.kek);
  }
  if (wraps.length === 0) throw new StoreKeyError('locked', '没有可用于新密钥的密钥来源 / no key at hand can wrap the new data key');
  const rotation: KeyRotation = { id: randomUUID(), by, wraps };
  await writeRecord(dataDir, { ...record, rotation });
  return { next, rotation, dropped };
}

/** The KEK of wrap `w` among `sources`, proved by opening the wrap to `key`; null when none holds it. */
async function kekOf(storeId: string, w: Wrap, key: Buffer, sources: readonly KekSource[]): Promise<Buffer | null> {
  for (const source of sources) {
    let kek: Buffer | null;
    try {
      kek = await source.open(w.kek);
    } catch (err) {
      // Another key file or keychain: that source does not hold this wrap's KEK.
      if (err instanceof StoreKeyError && err.code === 'wrong-key') continue;
      // A passphrase wrap when no passphrase is given: that wrap is not at hand.
      if (err instanceof StoreKeyError && err.code === 'locked') continue;
      throw err;
    }
    if (kek && unwrap(storeId, w, kek)?.equals(key)) return kek;
  }
  return null;
}

/** The data keys of a rotation under way: the current one and the next, both unwrapped by `sources`. */
export async function unlockRotation(record: StoreKeyRecord & { rotation: KeyRotation }, sources: readonly KekSource[]): Promise<{ current: DataKey; next: DataKey }> {
  return { current: await unlockDataKey(record, sources), next: await unlockDataKey({ ...record, wraps: record.rotation.wraps }, sources) };
}

/** End a rotation once everything is under the next key: its wraps become the record's only ones. */
export async function endRotation(dataDir: string, rotation: KeyRotation): Promise<void> {
  const record = await readStoreKeyRecord(dataDir);
  if (!record?.rotation) return;
  if (record.rotation.id !== rotation.id) throw new StoreKeyError('corrupt', `密钥记录中的轮换与本次不符 / the key record names another rotation: ${recordPath(dataDir)}`);
  await writeRecord(dataDir, { format: record.format, version: record.version, storeId: record.storeId, crypto: record.crypto, wraps: record.rotation.wraps });
}
