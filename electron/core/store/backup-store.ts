import { existsSync, readdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DeskError } from '../errors';
import { BlobStore, hashFile } from '../files/blob-store';
import { copyDurably, makeDirDurably, syncDirectory } from '../files/durable-copy';
import { DATABASE_FILE as DATABASE } from '../open-core';
import { SyncLease } from '../sync/sync-lease';
import { STATION_KEY_FILE } from '../audit/station-key';
import type { Db } from './open-database';
import { NEEDED_OBJECTS } from './repo/purged-objects';


export interface BackupResult {
  readonly out: string;
  readonly objects: number;
  readonly bytes: number;
}

/** Objects the database in `file` holds rows for and may not be without: what verify checks. */
function objectsOf(file: string): Array<{ sha256: string; size: number }> {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(`SELECT sha256, size FROM files WHERE sha256 NOT IN (SELECT sha256 FROM purged_files) OR sha256 IN (${NEEDED_OBJECTS})`)
      .all() as Array<{ sha256: string; size: number }>;
  } finally {
    db.close();
  }
}

function refuseNonEmpty(dir: string, what: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new DeskError('conflict', `${what}不是空目录 / ${dir} is not empty`);
}

/** Copy the objects a database needs from one store to another, each checked against its name. */
async function copyObjects(from: BlobStore, to: BlobStore, objects: ReadonlyArray<{ sha256: string; size: number }>): Promise<number> {
  let bytes = 0;
  for (const { sha256, size } of objects) {
    const dest = to.pathOf(sha256);
    await makeDirDurably(path.dirname(dest));
    await copyDurably(from.pathOf(sha256), dest);
    if ((await hashFile(dest)) !== sha256) throw new DeskError('internal', `对象 ${sha256} 已损坏 / object ${sha256} does not hash to its name`);
    bytes += size;
  }
  return bytes;
}

/**
 * A consistent copy of a live store in `out`: the database by VACUUM INTO (one read snapshot,
 * whatever other processes commit meanwhile; a hand copy of a WAL database can be torn) and every
 * object its rows need. Objects are written before the rows that name them, so the snapshot's
 * objects all exist; the sync lease is held throughout, so no purge pass removes one meanwhile.
 */
export async function backupStore(db: Db, blobs: BlobStore, out: string): Promise<BackupResult> {
  refuseNonEmpty(out, '备份目录');
  const lease = new SyncLease(db);
  if (!lease.acquire()) throw new DeskError('conflict', '正在同步，请稍后再备份 / a sync is running; back up when it is done');
  try {
    await makeDirDurably(out);
    const part = path.join(out, `${DATABASE}.part`);
    db.prepare('VACUUM INTO ?').run(part);
    // The copy holds this backup's lease row; a restored store starts without one.
    const copy = new Database(part);
    copy.prepare('DELETE FROM sync_lease').run();
    copy.close();
    const objects = objectsOf(part);
    const bytes = await copyObjects(blobs, new BlobStore(out), objects);
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
  const objects = objectsOf(source);
  const bytes = await copyObjects(new BlobStore(from), new BlobStore(dataDir), objects);
  // Before the database: opening a database without its key file would make the store a new one.
  if (existsSync(path.join(from, STATION_KEY_FILE))) await copyDurably(path.join(from, STATION_KEY_FILE), path.join(dataDir, STATION_KEY_FILE));
  await copyDurably(source, path.join(dataDir, DATABASE));
  return { objects: objects.length, bytes };
}
