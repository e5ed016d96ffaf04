import { PageStep, type PageDetail, type PageSummary } from '../../../../shared/contract';
import { z } from 'zod';
import type { Db } from '../open-database';

interface PageRow {
  id: string;
  batch_id: string;
  document_id: string;
  seq: number;
  width: number;
  height: number;
  dpi: number | null;
  flags: string;
  created_at: string;
  page_index: number;
  source_name: string;
  source_sha256: string;
  source_mime: string;
  image_sha256: string;
  image_steps: string;
  thumb_sha256: string;
  item_id: string | null;
  item_batch_id: string | null;
  material: string | null;
  filed: number | null;
  archival_code: string | null;
  item_number: number | null;
}

const SELECT = `
  SELECT p.*, s.name AS source_name, s.sha256 AS source_sha256, f.mime AS source_mime,
         di.sha256 AS image_sha256, di.steps AS image_steps, dt.sha256 AS thumb_sha256,
         d.item_id, i.batch_id AS item_batch_id, d.material, i.filed_at IS NOT NULL AS filed, c.code AS archival_code, c.number AS item_number
  FROM pages p
  JOIN source_files s ON s.id = p.source_file_id
  JOIN files f ON f.sha256 = s.sha256
  JOIN derivatives di ON di.page_id = p.id AND di.kind = 'image'
  JOIN derivatives dt ON dt.page_id = p.id AND dt.kind = 'thumbnail'
  JOIN documents d ON d.id = p.document_id
  LEFT JOIN items i ON i.id = d.item_id
  LEFT JOIN archival_codes c ON c.item_id = i.id`;

const Steps = z.array(PageStep);

/**
 * Items numbered within their batch by when they were started, as the clerk met them: each
 * batch's items read once per list (a number per page in SQL would count them again for every
 * page). A supplement may sit in a later batch than its item, so the item's own batch counts.
 */
function itemSeqs(db: Db): (itemId: string, batchId: string) => number {
  const byBatch = new Map<string, ReadonlyMap<string, number>>();
  const read = db.prepare('SELECT id FROM items WHERE batch_id = ? ORDER BY created_at, id').pluck();
  return (itemId, batchId) => {
    let seqs = byBatch.get(batchId);
    if (!seqs) {
      seqs = new Map((read.all(batchId) as string[]).map((id, i) => [id, i + 1]));
      byBatch.set(batchId, seqs);
    }
    return seqs.get(itemId)!;
  };
}

const toSummary = (r: PageRow, seqOf: ReturnType<typeof itemSeqs>): PageSummary => ({
  id: r.id,
  batchId: r.batch_id,
  documentId: r.document_id,
  seq: r.seq,
  width: r.width,
  height: r.height,
  dpi: r.dpi,
  thumbSha256: r.thumb_sha256,
  imageSha256: r.image_sha256,
  source: { file: r.source_name, sha256: r.source_sha256, pageIndex: r.page_index },
  flags: JSON.parse(r.flags) as Record<string, unknown>,
  filing:
    r.item_id === null || r.item_batch_id === null
      ? null
      : { itemId: r.item_id, itemSeq: seqOf(r.item_id, r.item_batch_id), material: r.material, filed: r.filed === 1, archivalCode: r.archival_code, itemNumber: r.item_number },
});

export function listPages(db: Db, batchId: string): PageSummary[] {
  // Pages in the trash (filing's recoverable delete) are out of the batch's lists.
  const seqOf = itemSeqs(db);
  return (
    db.prepare(`${SELECT} WHERE p.batch_id = ? AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) ORDER BY p.seq`).all(batchId) as PageRow[]
  ).map((r) => toSummary(r, seqOf));
}

export function getPage(db: Db, id: string): PageDetail | undefined {
  const r = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PageRow | undefined;
  if (!r) return undefined;
  return { ...toSummary(r, itemSeqs(db)), steps: Steps.parse(JSON.parse(r.image_steps)), sourceMime: r.source_mime, createdAt: r.created_at };
}
