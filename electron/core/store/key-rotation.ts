import path from 'node:path';
import { appendEvent } from '../audit/event-log';
import { addStationKeySeal, keepStationKeySeal } from '../audit/station-key';
import type { CryptoSuite } from '../files/crypto-suite';
import { objectKeys } from '../files/object-cipher';
import { reencryptObjects, type ReencryptReport } from '../files/reencrypt-objects';
import { DATABASE_FILE } from './database-file';
import type { KekRef, KekSource } from './keys/kek-source';
import { StoreKeyError } from './keys/store-key-error';
import {
  beginRotation,
  deriveKey,
  endRotation,
  readStoreKeyRecord,
  unlockDataKey,
  unlockRotation,
  type DataKey,
  type KeyRotation,
  type StoreKeyRecord,
} from './keys/store-key-record';
import { openDatabase, type Db } from './open-database';

/** The audit event of a rotation: one per rotation (its id is the subject), even when a later open finishes it. */
export const KEY_ROTATED = 'store.keyRotated';

export interface RotationReport extends ReencryptReport {
  readonly rotation: string;
  /** The keys that open the store after it (the same key file, keychain entry, passphrase as before). */
  readonly wraps: readonly KekRef[];
  /** Keys that opened it before and no longer do, because they were not at hand (a recovery copy kept offline). */
  readonly dropped: readonly KekRef[];
}

/**
 * `hpf-desk key rotate`: a new random data key for the store, the database re-keyed and every
 * object re-encrypted under it, the wraps re-made for every key at hand. Why a new data key and
 * not only new wraps: a data key that may have leaked (a memory dump, a copied key file together
 * with a backup) stays leaked however it is wrapped; re-wrapping alone is what adding or
 * exporting a key does.
 *
 * The order makes it resumable at any point: (1) the next key is written into the key record
 * beside the current one, (2) the database is re-keyed in one SQLite transaction (a kill rolls
 * it back from its journal, under the old key), (3) the objects are re-encrypted one by one, each
 * written before its old file goes, (4) the record keeps only the next key. Until (4) the record
 * holds both keys, and openStore finishes (2)–(4) before it opens anything. The caller must
 * have closed its own connections: (2) needs the database to itself.
 */
export async function rotateDataKey(
  dataDir: string,
  sources: readonly KekSource[],
  by: string,
  onProgress?: (done: number) => void,
): Promise<RotationReport> {
  const record = await readStoreKeyRecord(dataDir);
  if (!record) throw new StoreKeyError('locked', `数据存储没有密钥记录 / the store has no key record: ${dataDir}`);
  const current = record.rotation ? await finishPendingRotation(dataDir, { ...record, rotation: record.rotation }, sources) : await unlockDataKey(record, sources);
  const file = path.join(dataDir, DATABASE_FILE);
  // The store held before the next key is written: a store in use is left exactly as it was.
  const db = openUnder(file, deriveKey(current, 'sqlite'));
  if (!db) throw new StoreKeyError('corrupt', `密钥正确但数据库无法读取 / the key is right but the database cannot be read: ${file}`);
  try {
    holdExclusively(db, file);
    const { next, rotation, dropped } = await beginRotation(dataDir, current, sources, by);
    const objects = await completeRotation(dataDir, db, true, rotation, record.crypto, current, next, onProgress);
    return { rotation: rotation.id, wraps: rotation.wraps.map((w) => w.kek), dropped, ...objects };
  } finally {
    db.close();
  }
}

/**
 * A rotation an earlier process was killed in, finished; the data key the store opens with now.
 * The old key is tried first: a rekey killed half-way left a hot journal that only the old key
 * can roll back; with no journal, the old key simply does not open a re-keyed file.
 */
export async function finishPendingRotation(dataDir: string, record: StoreKeyRecord & { rotation: KeyRotation }, sources: readonly KekSource[]): Promise<DataKey> {
  const { current, next } = await unlockRotation(record, sources);
  const file = path.join(dataDir, DATABASE_FILE);
  const underOld = openUnder(file, deriveKey(current, 'sqlite'));
  const db = underOld ?? openUnder(file, deriveKey(next, 'sqlite'));
  if (!db) throw new StoreKeyError('corrupt', `轮换中的数据库新旧密钥都打不开（已损坏？）/ the database opens under neither key of the rotation (damaged?): ${file}`);
  try {
    holdExclusively(db, file);
    await completeRotation(dataDir, db, underOld !== null, record.rotation, record.crypto, current, next);
    return next;
  } finally {
    db.close();
  }
}

/** Steps (2)–(4) on a database held exclusively, `underOld` when its rekey is still to do; the objects keep the store's suite. */
async function completeRotation(
  dataDir: string,
  db: Db,
  underOld: boolean,
  rotation: KeyRotation,
  suite: CryptoSuite,
  current: DataKey,
  next: DataKey,
  onProgress?: (done: number) => void,
): Promise<ReencryptReport> {
  const [from, to] = [deriveKey(current, 'sqlite'), deriveKey(next, 'sqlite')];
  recordRotation(db, rotation);
  // Sealed under both keys before the rekey, so it opens whichever key a kill leaves the database under.
  addStationKeySeal(dataDir, from, to);
  // Our own 32 bytes in hex: nothing to inject. One transaction: all pages under the next key, or none.
  if (underOld) db.pragma(`rekey = "x'${to.toString('hex')}'"`);
  const objects = await reencryptObjects(dataDir, objectKeys(current, suite), objectKeys(next, suite), onProgress);
  keepStationKeySeal(dataDir, to);
  await endRotation(dataDir, rotation);
  return objects;
}

function openUnder(file: string, key: Buffer): Db | null {
  try {
    return openDatabase(file, { key });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') return null;
    throw err;
  }
}

/**
 * SQLite3MultipleCiphers cannot rekey in WAL mode, and leaving WAL needs every other connection
 * gone: the same step proves that no other process (the app, a command) has the store open, and
 * EXCLUSIVE locking keeps them out until this connection closes.
 */
function holdExclusively(db: Db, file: string): void {
  let mode: unknown;
  try {
    mode = db.pragma('journal_mode = DELETE', { simple: true });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
  }
  if (mode !== 'delete') {
    throw new StoreKeyError('in-use', `数据存储正被其他进程使用（请先关闭应用）/ the store is open in another process (close the app first): ${file}`);
  }
  db.pragma('locking_mode = EXCLUSIVE');
  db.exec('BEGIN EXCLUSIVE; COMMIT');
}

function recordRotation(db: Db, rotation: KeyRotation): void {
  const recorded = db.prepare('SELECT 1 FROM events WHERE kind = ? AND subject = ?').get(KEY_ROTATED, rotation.id);
  if (!recorded) appendEvent(db, { actor: rotation.by, kind: KEY_ROTATED, subject: rotation.id, data: { wraps: rotation.wraps.map((w) => w.kek.kind) } });
}
