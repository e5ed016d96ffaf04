import { existsSync, rmSync } from 'node:fs';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { NEEDED_OBJECTS } from '../store/repo/purged-objects';
import { moveTransfer } from '../transfer/transfer-store';
import { nowIso } from '../util/ids';

/** Removals per write transaction: other writers (an import beside) wait at most this many unlinks. */
const REMOVALS_PER_TRANSACTION = 200;

/**
 * Objects of a batch that purging may delete: its originals and full-size images that no row
 * still needs. Run in the transaction that marks the batch purged, so the decision and the
 * record of it are one: content another batch (or an import committing meanwhile) uses stays.
 * Thumbnails, metadata and every record stay, so the station still shows what it sent and to whom.
 */
function purgeable(db: Db, batchId: string): string[] {
  return db
    .prepare(
      `WITH mine AS (
         SELECT sha256 FROM source_files WHERE batch_id = :b
         UNION SELECT d.sha256 FROM derivatives d JOIN pages p ON p.id = d.page_id WHERE p.batch_id = :b AND d.kind = 'image'
       )
       SELECT sha256 FROM mine WHERE sha256 NOT IN (${NEEDED_OBJECTS})`,
    )
    .pluck()
    .all({ b: batchId }) as string[];
}

/**
 * Delete the files of listed objects that no row needs, each decision and its unlink under the
 * write lock: an import that references one of them commits either before (and takes it off the
 * list, so it stays) or after (and finds it gone, and writes it again). Files already gone are
 * skipped without taking the lock.
 */
function removeListed(db: Db, blobs: BlobStore): void {
  const listed = (db.prepare('SELECT sha256 FROM purged_files').pluck().all() as string[]).filter((sha256) => existsSync(blobs.pathOf(sha256)));
  const removeUnneeded = db.transaction((chunk: readonly string[]) => {
    const unneeded = db
      .prepare(`SELECT sha256 FROM purged_files WHERE sha256 IN (SELECT value FROM json_each(?)) AND sha256 NOT IN (${NEEDED_OBJECTS})`)
      .pluck()
      .all(JSON.stringify(chunk)) as string[];
    for (const sha256 of unneeded) rmSync(blobs.pathOf(sha256), { force: true });
  });
  for (let i = 0; i < listed.length; i += REMOVALS_PER_TRANSACTION) removeUnneeded(listed.slice(i, i + REMOVALS_PER_TRANSACTION));
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
        moveTransfer(db, actor, batchId, 'purged');
        const at = nowIso();
        const put = db.prepare('INSERT OR IGNORE INTO purged_files (sha256, batch_id, purged_at) VALUES (?, ?, ?)');
        for (const sha256 of purgeable(db, batchId)) put.run(sha256, batchId, at);
      })();
    }
  }
  // Also finishes removals a killed run left behind.
  removeListed(db, blobs);
  return due;
}
