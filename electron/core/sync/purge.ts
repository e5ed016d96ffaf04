import { rm } from 'node:fs/promises';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { moveTransfer } from '../transfer/transfer-store';
import { nowIso } from '../util/ids';

/**
 * Objects of a batch that purging may delete: its originals and full-size images, unless another
 * batch that is not purged uses the same content. Thumbnails, metadata and every record stay, so
 * the station still shows what it sent and to whom.
 */
function purgeable(db: Db, batchId: string): string[] {
  return db
    .prepare(
      `WITH mine AS (
         SELECT sha256 FROM source_files WHERE batch_id = :b
         UNION SELECT d.sha256 FROM derivatives d JOIN pages p ON p.id = d.page_id WHERE p.batch_id = :b AND d.kind = 'image'
       ),
       live AS (SELECT id FROM batches WHERE id <> :b AND id NOT IN (SELECT batch_id FROM transfers WHERE state = 'purged'))
       SELECT sha256 FROM mine
       WHERE sha256 NOT IN (SELECT sha256 FROM source_files WHERE batch_id IN (SELECT id FROM live))
         AND sha256 NOT IN (SELECT d.sha256 FROM derivatives d JOIN pages p ON p.id = d.page_id WHERE p.batch_id IN (SELECT id FROM live))`,
    )
    .pluck()
    .all({ b: batchId }) as string[];
}

/**
 * Purge acknowledged batches whose retention has run out. The rows are committed first, then the
 * files removed; a run killed in between leaves files the next run removes (their rows say so).
 */
export async function purgeDue(deps: { db: Db; blobs: BlobStore; actor: string }, retainDays: number | null, now = new Date()): Promise<string[]> {
  const { db, blobs, actor } = deps;
  let due: string[] = [];
  if (retainDays !== null) {
    const cutoff = new Date(now.getTime() - retainDays * 86_400_000).toISOString();
    due = db.prepare("SELECT batch_id FROM transfers WHERE state = 'acknowledged' AND acknowledged_at <= ? AND paused = 0").pluck().all(cutoff) as string[];
    for (const batchId of due) {
      db.transaction(() => {
        const at = nowIso();
        const put = db.prepare('INSERT OR IGNORE INTO purged_files (sha256, batch_id, purged_at) VALUES (?, ?, ?)');
        for (const sha256 of purgeable(db, batchId)) put.run(sha256, batchId, at);
        moveTransfer(db, actor, batchId, 'purged');
      })();
    }
  }
  // Also finishes removals a killed run left behind.
  const left = db.prepare('SELECT sha256 FROM purged_files').pluck().all() as string[];
  for (const sha256 of left) await rm(blobs.pathOf(sha256), { force: true });
  return due;
}
