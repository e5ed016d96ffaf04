import { existsSync } from 'node:fs';
import type { Db } from '../open-database';

/**
 * Objects some row still needs, as SQL: every reference except the originals and full-size
 * images of purged batches and their bag's copies, which purging is allowed to take away.
 * Thumbnails, reference data and everything of an unpurged batch stay.
 */
export const NEEDED_OBJECTS = `
  SELECT sha256 FROM source_files WHERE batch_id NOT IN (SELECT batch_id FROM transfers WHERE state = 'purged')
  UNION SELECT d.sha256 FROM derivatives d JOIN pages p ON p.id = d.page_id
    WHERE d.kind <> 'image' OR p.batch_id NOT IN (SELECT batch_id FROM transfers WHERE state = 'purged')
  UNION SELECT sha256 FROM transfer_files WHERE batch_id NOT IN (SELECT batch_id FROM transfers WHERE state = 'purged')
  UNION SELECT sha256 FROM reference_data`;

/** Thrown out of a transaction that would reference objects a purge pass already removed. */
export class ObjectsGone extends Error {
  override name = 'ObjectsGone';
  constructor(readonly missing: readonly string[]) {
    super(`清理已删除 ${missing.length} 个对象 / ${missing.length} object(s) were removed by a purge meanwhile`);
  }
}

/**
 * Call inside the transaction that records new references to objects (an import, a rotation):
 * they come off the purge list, so content imported again after its batch was purged lives
 * again, and each must be on disk now. The transaction holds the write lock, and a purge pass
 * removes a file only while holding it too, so what is present here stays present; an object
 * a pass removed before (after the worker had found it in place) throws ObjectsGone and the
 * caller writes it again.
 */
export function claimObjects(db: Db, pathOf: (sha256: string) => string, objects: Iterable<string>): void {
  const revive = db.prepare('DELETE FROM purged_files WHERE sha256 = ?');
  const missing: string[] = [];
  for (const sha256 of new Set(objects)) {
    revive.run(sha256);
    if (!existsSync(pathOf(sha256))) missing.push(sha256);
  }
  if (missing.length > 0) throw new ObjectsGone(missing);
}

/** Take objects off the purge list in a transaction of their own, before writing them again. */
export function reviveObjects(db: Db, objects: readonly string[]): void {
  db.transaction(() => {
    const revive = db.prepare('DELETE FROM purged_files WHERE sha256 = ?');
    for (const sha256 of objects) revive.run(sha256);
  })();
}

/** Purge passes an import may meet in a row before it gives up on a file (each one is rare). */
const COMMIT_ATTEMPTS = 3;

/**
 * Commit a processed file; when a purge pass removed one of its objects after the worker found
 * it in place, take them off the purge list, have the file processed again (which writes the
 * missing objects anew) and commit that.
 */
export async function commitReclaiming<F, T>(db: Db, file: F, commit: (file: F) => T, processAgain: () => Promise<F>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return commit(file);
    } catch (err) {
      if (!(err instanceof ObjectsGone) || attempt >= COMMIT_ATTEMPTS) throw err;
      reviveObjects(db, err.missing);
      file = await processAgain();
    }
  }
}
