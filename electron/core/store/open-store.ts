import { chmod, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { DATABASE_FILE } from './database-file';
import { encryptDatabaseInPlace, rollBackRawJournal } from './encrypt-in-place';
import { finishPendingRotation } from './key-rotation';
import { DEFAULT_SUITE, type CryptoSuite } from '../files/crypto-suite';
import { nullIfMissing } from '../files/missing-file';
import type { KekSource } from './keys/kek-source';
import { StoreKeyError } from './keys/store-key-error';
import { createDataKey, deriveKey, readStoreKeyRecord, unlockDataKey, type DataKey } from './keys/store-key-record';
import { openDatabase, type Db } from './open-database';

export interface OpenedStore {
  readonly db: Db;
  readonly dataKey: DataKey;
  /** The algorithms of the store's objects, as its key record says. */
  readonly crypto: CryptoSuite;
}

/**
 * Open a data folder's store, encrypted. Four cases, told apart by the key record and the
 * database file's first bytes:
 * - neither exists: a new store; its data key is made and wrapped for the first source, its
 *   objects' suite (`newStoreCrypto`) recorded beside it;
 * - a key record: unlock it (`locked`/`wrong-key` otherwise) and open the database with it;
 *   a record that names a rotation under way is a `key rotate` that was interrupted: finish it;
 *   a plaintext database beside a record is an encryption that was interrupted: finish it;
 * - a plaintext database without a record: a store of an earlier version: encrypt it in place;
 * - an encrypted database without a record: the record was lost; nothing here can open it.
 */
export async function openStore(dataDir: string, sources: readonly KekSource[], newStoreCrypto: CryptoSuite = DEFAULT_SUITE): Promise<OpenedStore> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // A folder made by an earlier version (or by hand) with the default umask: only its user reads it.
  if (process.platform !== 'win32') await chmod(dataDir, 0o700);
  const file = path.join(dataDir, DATABASE_FILE);
  const record = await readStoreKeyRecord(dataDir);
  // A rotation's journal is rolled back under its old key (key-rotation.ts); any other is an in-place encryption's.
  if (record && !record.rotation) rollBackRawJournal(file);
  const header = await databaseHeader(file);
  let dataKey: DataKey;
  // An existing store keeps the suite it was made with, whatever is asked now.
  const crypto = record?.crypto ?? newStoreCrypto;
  if (record?.rotation) {
    dataKey = await finishPendingRotation(dataDir, { ...record, rotation: record.rotation }, sources);
  } else if (record) {
    dataKey = await unlockDataKey(record, sources);
  } else {
    if (header === 'encrypted') {
      throw new StoreKeyError('locked', `数据库已加密但缺少密钥记录 ${path.join(dataDir, 'store-key.json')} / the database is encrypted and its key record is missing`);
    }
    const first = sources[0];
    if (!first) throw new StoreKeyError('locked', '没有可用的密钥来源 / no key source is available');
    dataKey = await createDataKey(dataDir, first, crypto);
  }
  const key = deriveKey(dataKey, 'sqlite');
  if (header === 'plaintext') encryptDatabaseInPlace(file, key);
  try {
    return { db: openDatabase(file, { key }), dataKey, crypto };
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new StoreKeyError('corrupt', `密钥正确但数据库无法读取（已损坏？请从备份恢复）/ the key is right but the database cannot be read (damaged? restore a backup): ${file}`);
    }
    throw err;
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** `absent`, `plaintext` (an SQLite header) or `encrypted` (anything else: SQLCipher's salt). */
async function databaseHeader(file: string): Promise<'absent' | 'plaintext' | 'encrypted'> {
  const fh = await nullIfMissing(open(file, 'r'));
  if (!fh) return 'absent';
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead === 0) return 'absent';
    return head.equals(SQLITE_MAGIC) ? 'plaintext' : 'encrypted';
  } finally {
    await fh.close();
  }
}
