import { existsSync, readdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeskError } from '../errors';
import { BlobStore } from '../files/blob-store';
import { copyDurably, makeDirDurably, syncDirectory } from '../files/durable-copy';
import { DATABASE_FILE as DATABASE } from './database-file';
import { deriveKey, STORE_KEY_FILE, type DataKey } from './keys/store-key-record';
import { SyncLease } from '../sync/sync-lease';
import { applyKey, newConnection, type Db } from './open-database';
import { STATION_KEY_FILE } from '../audit/station-key';
import { NEEDED_OBJECTS } from './repo/purged-objects';

/** The store being backed up, open: its connection and objects, where it lives, its data key. */
export interface LiveStore {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly dataDir: string;
  readonly dataKey: DataKey;
}

export interface BackupResult {
  readonly out: string;
  readonly objects: number;
  readonly bytes: number;
}

/**
 * Tidy the snapshot in `file` and list the objects its rows need (what verify checks). VACUUM INTO
 * wrote it encrypted with the store's own key, so it opens with that key.
 */
function finishSnapshot(file: string, dataKey: DataKey): Array<{ sha256: string; size: number }> {
  const copy = newConnection(file);
  try {
    applyKey(copy, deriveKey(dataKey, 'sqlite'));
    // The copy holds this backup's lease row; a restored store starts without one.
    copy.prepare('DELETE FROM sync_lease').run();
    return copy
      .prepare(`SELECT sha256, size FROM files WHERE sha256 NOT IN (SELECT sha256 FROM purged_files) OR sha256 IN (${NEEDED_OBJECTS})`)
      .all() as Array<{ sha256: string; size: number }>;
  } finally {
    copy.close();
  }
}

function refuseNonEmpty(dir: string, what: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new DeskError('conflict', `${what}不是空目录 / ${dir} is not empty`);
}

/**
 * Copy stored objects from one folder to another as they are on disk (encrypted: the key record
 * travels with them, so the copy opens with the same key). Returns the bytes copied.
 */
async function copyStored(from: BlobStore, to: BlobStore, names: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const name of names) {
    const dest = to.storedPath(name);
    await makeDirDurably(path.dirname(dest));
    await copyDurably(from.storedPath(name), dest);
    bytes += (await stat(dest)).size;
  }
  return bytes;
}

/** Copy the objects a database needs into a backup, each checked on arrival (every chunk's tag, the plaintext's SHA-256). */
async function copyObjects(from: BlobStore, to: BlobStore, objects: ReadonlyArray<{ sha256: string }>): Promise<number> {
  const bytes = await copyStored(from, to, objects.map((o) => from.nameOf(o.sha256)));
  for (const { sha256 } of objects) {
    const actual = await to.fixityOf(sha256).catch(() => null);
    if (actual?.sha256 !== sha256) throw new DeskError('internal', `对象 ${sha256} 已损坏 / object ${sha256} does not decrypt to its recorded content`);
  }
  return bytes;
}

/**
 * A consistent copy of a live store in `out`: the database by VACUUM INTO (one read snapshot,
 * whatever other processes commit meanwhile; a hand copy of a WAL database can be torn) and every
 * object its rows need. Objects are written before the rows that name them, so the snapshot's
 * objects all exist; the sync lease is held throughout, so no purge pass removes one meanwhile.
 */
export async function backupStore(store: LiveStore, out: string): Promise<BackupResult> {
  const { db, blobs, dataDir } = store;
  refuseNonEmpty(out, '备份目录');
  const lease = new SyncLease(db);
  if (!lease.acquire()) throw new DeskError('conflict', '正在同步，请稍后再备份 / a sync is running; back up when it is done');
  try {
    await makeDirDurably(out);
    const part = path.join(out, `${DATABASE}.part`);
    db.prepare('VACUUM INTO ?').run(part);
    const objects = finishSnapshot(part, store.dataKey);
    const bytes = await copyObjects(blobs, new BlobStore(out, blobs.keys), objects);
    // The data key travels wrapped, as it is at home: the backup opens with the operator's key.
    await copyDurably(path.join(dataDir, STORE_KEY_FILE), path.join(out, STORE_KEY_FILE));
    // The audit chain verifies only with the station's key, which is not in the database.
    await copyDurably(path.join(path.dirname(db.name), STATION_KEY_FILE), path.join(out, STATION_KEY_FILE));
    await rename(part, path.join(out, DATABASE));
    await syncDirectory(out);
    return { out, objects: objects.length, bytes };
  } catch (err) {
    await rm(path.join(out, `${DATABASE}.part`), { force: true });
    throw err;
  } finally {
    lease.release();
  }
}

/** Bring a backup back into an empty data directory; the caller opens it and verifies. */
export async function restoreStore(from: string, dataDir: string): Promise<{ objects: number; bytes: number }> {
  const source = path.join(from, DATABASE);
  if (!existsSync(source)) throw new DeskError('not_found', `${from} 不是备份 / ${from} holds no backup (${DATABASE} missing)`);
  refuseNonEmpty(dataDir, '数据目录');
  await makeDirDurably(dataDir);
  // A backup holds only the objects its rows need, so all of them come back as they are; the key
  // is not needed to tell which. The caller's verify then opens every one (its tags and hashes).
  const backup = new BlobStore(from, null);
  const objects: string[] = [];
  for await (const name of backup.list()) objects.push(name);
  const bytes = await copyStored(backup, new BlobStore(dataDir, null), objects);
  // Before the database: opening a database without its key file would make the store a new one.
  if (existsSync(path.join(from, STATION_KEY_FILE))) await copyDurably(path.join(from, STATION_KEY_FILE), path.join(dataDir, STATION_KEY_FILE));
  await copyDurably(source, path.join(dataDir, DATABASE));
  // Last: a database whose key record did not arrive is refused on open as locked, never taken
  // for a new store. A backup of an earlier version has no record: its plaintext is encrypted on open.
  const record = path.join(from, STORE_KEY_FILE);
  if (existsSync(record)) await copyDurably(record, path.join(dataDir, STORE_KEY_FILE));
  return { objects: objects.length, bytes };
}
