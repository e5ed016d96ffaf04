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
  item_seq: number | null;
  material: string | null;
  filed: number | null;
  archival_code: string | null;
  item_number: number | null;
}

// Items are numbered within their batch by when they were started, as the clerk met them.
const SELECT = `
  SELECT p.*, s.name AS source_name, s.sha256 AS source_sha256, f.mime AS source_mime,
         di.sha256 AS image_sha256, di.steps AS image_steps, dt.sha256 AS thumb_sha256,
         d.item_id, d.material, i.filed_at IS NOT NULL AS filed, c.code AS archival_code, c.number AS item_number,
         (SELECT count(*) FROM items o WHERE o.batch_id = i.batch_id AND (o.created_at, o.id) <= (i.created_at, i.id)) AS item_seq
  FROM pages p
  JOIN source_files s ON s.id = p.source_file_id
  JOIN files f ON f.sha256 = s.sha256
  JOIN derivatives di ON di.page_id = p.id AND di.kind = 'image'
  JOIN derivatives dt ON dt.page_id = p.id AND dt.kind = 'thumbnail'
  JOIN documents d ON d.id = p.document_id
  LEFT JOIN items i ON i.id = d.item_id
  LEFT JOIN archival_codes c ON c.item_id = i.id`;

const Steps = z.array(PageStep);

const toSummary = (r: PageRow): PageSummary => ({
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
    r.item_id === null
      ? null
      : { itemId: r.item_id, itemSeq: r.item_seq ?? 1, material: r.material, filed: r.filed === 1, archivalCode: r.archival_code, itemNumber: r.item_number },
});

export function listPages(db: Db, batchId: string): PageSummary[] {
  // Pages in the trash (filing's recoverable delete) are out of the batch's lists.
  return (
    db.prepare(`${SELECT} WHERE p.batch_id = ? AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) ORDER BY p.seq`).all(batchId) as PageRow[]
  ).map(toSummary);
}

export function getPage(db: Db, id: string): PageDetail | undefined {
  const r = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PageRow | undefined;
  if (!r) return undefined;
  return { ...toSummary(r), steps: Steps.parse(JSON.parse(r.image_steps)), sourceMime: r.source_mime, createdAt: r.created_at };
}
