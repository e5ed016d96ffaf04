import type { BlobStore } from '../../files/blob-store';
import type { Db } from '../../store/open-database';

/**
 * The lifecycle model's own oracle, written apart from the code it checks: every object a row
 * still needs, which is everything except what purging may take away (the originals and
 * full-size images of purged batches and their bag's copies). Thumbnails always stay.
 */
function neededObjects(db: Db): string[] {
  return db
    .prepare(
      `WITH gone AS (SELECT batch_id FROM transfers WHERE state = 'purged')
       SELECT sha256 FROM source_files WHERE batch_id NOT IN gone
       UNION SELECT d.sha256 FROM derivatives d JOIN pages p ON p.id = d.page_id
             WHERE p.batch_id NOT IN gone OR d.kind <> 'image'
       UNION SELECT sha256 FROM transfer_files WHERE batch_id NOT IN gone
       UNION SELECT sha256 FROM reference_data`,
    )
    .pluck()
    .all() as string[];
}

/**
 * Objects a live row references that are missing, whose bytes do not hash to their name, or
 * that are still listed as purged (so a purge pass would remove them, and verify skip them).
 */
export async function liveObjectProblems(db: Db, blobs: BlobStore): Promise<string[]> {
  const problems: string[] = [];
  const purged = new Set(db.prepare('SELECT sha256 FROM purged_files').pluck().all() as string[]);
  for (const sha256 of neededObjects(db)) {
    if (purged.has(sha256)) problems.push(`${sha256}: listed as purged`);
    let actual: string;
    try {
      actual = await blobs.hashOf(sha256);
    } catch {
      problems.push(`${sha256}: missing`);
      continue;
    }
    if (actual !== sha256) problems.push(`${sha256}: hashes to ${actual}`);
  }
  return problems;
}
