import path from 'node:path';
import { BlobStore } from '../../electron/core/files/blob-store';
import { objectKeys } from '../../electron/core/files/object-cipher';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { defaultKekSources } from '../../electron/core/store/keys/default-sources';
import { deriveKey, readStoreKeyRecord, unlockDataKey } from '../../electron/core/store/keys/store-key-record';
import { applyKey, newConnection, type Db } from '../../electron/core/store/open-database';
import { openStore } from '../../electron/core/store/open-store';

/**
 * A test's own look into a station's encrypted database, unlocked as the CLI would (the OS user's
 * key file): read-only for checking what the desk wrote, or read-write (`openStore`, migrations
 * and pragmas included) for tests that play the administrator's tools beside the running core.
 */
export async function readStoreDb(dataDir: string): Promise<Db> {
  const record = await readStoreKeyRecord(dataDir);
  if (!record) throw new Error(`no key record in ${dataDir}`);
  const key = deriveKey(await unlockDataKey(record, defaultKekSources()), 'sqlite');
  const db = newConnection(path.join(dataDir, DATABASE_FILE), { readonly: true });
  applyKey(db, key);
  return db;
}

export async function writeStoreDb(dataDir: string): Promise<Db> {
  return (await openStore(dataDir, defaultKekSources())).db;
}

/** The station's objects, unlocked the same way: to read back what the desk stored. */
export async function storeBlobs(dataDir: string): Promise<BlobStore> {
  const record = await readStoreKeyRecord(dataDir);
  if (!record) throw new Error(`no key record in ${dataDir}`);
  return new BlobStore(dataDir, objectKeys(await unlockDataKey(record, defaultKekSources()), record.crypto));
}
