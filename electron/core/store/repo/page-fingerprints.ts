import type { PageAnalysis } from '../../imaging/page-pipeline';
import { signatureSimilarity, SIMILAR_MIN_CORRELATION } from '../../imaging/page-fingerprint';
import type { Db } from '../open-database';

export type DuplicateMatch =
  | { readonly kind: 'exact'; readonly pageId: string }
  | { readonly kind: 'perceptual'; readonly pageId: string; readonly similarity: number };

/**
 * The page of the batch this one repeats, if any: the same pixels, or (for pages with content)
 * the most similar signature above the threshold. Blank pages are never near-duplicates of each
 * other: every empty backside looks alike.
 */
export function findDuplicate(db: Db, batchId: string, analysis: PageAnalysis): DuplicateMatch | null {
  const exact = db
    .prepare('SELECT page_id FROM page_fingerprints WHERE batch_id = ? AND pixel_sha256 = ? ORDER BY rowid LIMIT 1')
    .pluck()
    .get(batchId, analysis.pixelSha256) as string | undefined;
  if (exact) return { kind: 'exact', pageId: exact };
  if (analysis.blank) return null;
  let best: { pageId: string; similarity: number } | null = null;
  const rows = db
    .prepare('SELECT page_id, signature FROM page_fingerprints WHERE batch_id = ? AND blank = 0 ORDER BY rowid')
    .iterate(batchId) as IterableIterator<{ page_id: string; signature: Buffer }>;
  for (const row of rows) {
    const similarity = signatureSimilarity(row.signature, analysis.signature);
    if (similarity >= SIMILAR_MIN_CORRELATION && (best === null || similarity > best.similarity)) {
      best = { pageId: row.page_id, similarity };
    }
  }
  return best && { kind: 'perceptual', pageId: best.pageId, similarity: Math.round(best.similarity * 1000) / 1000 };
}

export function recordFingerprint(db: Db, pageId: string, batchId: string, analysis: PageAnalysis): void {
  db.prepare('INSERT INTO page_fingerprints (page_id, batch_id, pixel_sha256, signature, blank) VALUES (?, ?, ?, ?, ?)').run(
    pageId,
    batchId,
    analysis.pixelSha256,
    Buffer.from(analysis.signature),
    analysis.blank ? 1 : 0,
  );
}

/** The flags a duplicate adds to a page. */
export function duplicateFlags(match: DuplicateMatch | null): Record<string, unknown> {
  if (!match) return {};
  return match.kind === 'exact'
    ? { duplicateOf: match.pageId, duplicateMatch: 'exact' }
    : { duplicateOf: match.pageId, duplicateMatch: 'perceptual', duplicateSimilarity: match.similarity };
}
