import { z } from 'zod';
import { OcrEngineName, OcrLine, type OcrRecognition, type OcrState, type PageOcrStatus } from '../../../../shared/contract';
import { nowIso } from '../../util/ids';
import type { Db } from '../open-database';
import { cachedStatement } from '../statement-cache';

/** A page as OCR needs it: its current page image, resolution and batch kind. */
export interface PageForOcr {
  readonly pageId: string;
  readonly batchId: string;
  readonly batchKind: 'counter' | 'backfile';
  readonly imageSha256: string;
  readonly dpi: number | null;
  /** The engine the scan profile it was captured with asks for; null: imported, or the station's default. */
  readonly captureEngine: OcrEngineName | null;
}

// A captured page's session keeps the profile's settings (JSON, validated when the session was created).
const PAGE_FOR_OCR = `
  SELECT p.id AS pageId, p.batch_id AS batchId, b.kind AS batchKind, d.sha256 AS imageSha256, p.dpi AS dpi,
         json_extract(ss.settings, '$.ocrEngine') AS captureEngine
  FROM pages p
  JOIN batches b ON b.id = p.batch_id
  JOIN derivatives d ON d.page_id = p.id AND d.kind = 'image'
  LEFT JOIN captured_files cf ON cf.source_file_id = p.source_file_id
  LEFT JOIN scan_sessions ss ON ss.id = cf.session_id`;

export function pagesForOcr(db: Db, filter: { batchId?: string; pageIds?: readonly string[]; unrequestedOnly?: boolean }): PageForOcr[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.batchId !== undefined) {
    where.push('p.batch_id = ?');
    params.push(filter.batchId);
  }
  if (filter.pageIds !== undefined) {
    where.push(`p.id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.pageIds));
  }
  if (filter.unrequestedOnly) where.push('NOT EXISTS (SELECT 1 FROM page_ocr o WHERE o.page_id = p.id)');
  const sql = `${PAGE_FOR_OCR} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.kind = 'counter' DESC, p.batch_id, p.seq`;
  const rows = db.prepare(sql).all(...params) as Array<Omit<PageForOcr, 'captureEngine'> & { captureEngine: unknown }>;
  return rows.map((r) => ({ ...r, captureEngine: OcrEngineName.safeParse(r.captureEngine).data ?? null }));
}

export interface StoredOcr extends OcrRecognition {
  readonly key: string;
  readonly engine: OcrEngineName;
  readonly model: string;
  readonly seconds: number;
  readonly createdAt: string;
}

export function hasResult(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM ocr_results WHERE key = ?').get(key) !== undefined;
}

/**
 * Store a reading. The statement is compiled once per connection: inserting here fires the search
 * triggers, which SQLite compiles into the statement, and compiling them cost more than the
 * indexing itself on every stored page.
 */
export function insertResult(
  db: Db,
  row: { key: string; imageSha256: string; engine: OcrEngineName; model: string; settings: unknown; seconds: number; result: OcrRecognition },
): void {
  const r = row.result;
  cachedStatement(
    db,
    `INSERT OR IGNORE INTO ocr_results
       (key, image_sha256, engine, model, settings, text, confidence, angle, width, height, lines, seconds, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.key, row.imageSha256, row.engine, row.model, JSON.stringify(row.settings), r.text, r.confidence, r.angle,
    r.width, r.height, JSON.stringify(r.lines), Math.round(row.seconds * 1000) / 1000, nowIso(),
  );
}

interface ResultRow {
  key: string;
  engine: OcrEngineName;
  model: string;
  text: string;
  confidence: number;
  angle: number;
  width: number;
  height: number;
  lines: string;
  seconds: number;
  created_at: string;
}

const Lines = z.array(OcrLine);

/** The OCR result a page asked for, once it has been read. */
export function pageResult(db: Db, pageId: string): StoredOcr | undefined {
  const r = db
    .prepare('SELECT r.* FROM page_ocr o JOIN ocr_results r ON r.key = o.ocr_key WHERE o.page_id = ?')
    .get(pageId) as ResultRow | undefined;
  if (!r) return undefined;
  return {
    key: r.key,
    engine: r.engine,
    model: r.model,
    text: r.text,
    confidence: r.confidence,
    angle: r.angle,
    width: r.width,
    height: r.height,
    lines: Lines.parse(JSON.parse(r.lines)),
    seconds: r.seconds,
    createdAt: r.created_at,
  };
}

/** Point a page at the OCR it wants (a new key when its image, engine or settings changed). */
export function requestPageOcr(db: Db, pageId: string, key: string, engine: OcrEngineName): void {
  cachedStatement(
    db,
    `INSERT INTO page_ocr (page_id, ocr_key, engine, requested_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (page_id) DO UPDATE SET ocr_key = excluded.ocr_key, engine = excluded.engine, requested_at = excluded.requested_at
     WHERE page_ocr.ocr_key <> excluded.ocr_key`,
  ).run(pageId, key, engine, nowIso());
}

const STATE_OF_PAGE = `
  CASE
    WHEN o.page_id IS NULL THEN 'none'
    WHEN r.key IS NOT NULL THEN 'done'
    ELSE coalesce(j.state, 'none')
  END`;

/** OCR state of every page of a batch (or of the given pages), in page order. */
export function pageStates(db: Db, filter: { batchId?: string; pageIds?: readonly string[] }): PageOcrStatus[] {
  const where = filter.batchId !== undefined ? 'p.batch_id = ?' : `p.id IN (SELECT value FROM json_each(?))`;
  const rows = db
    .prepare(
      `SELECT p.id AS page, ${STATE_OF_PAGE} AS state, o.engine AS engine, CASE WHEN r.key IS NULL THEN j.error END AS error
       FROM pages p
       LEFT JOIN page_ocr o ON o.page_id = p.id
       LEFT JOIN ocr_results r ON r.key = o.ocr_key
       LEFT JOIN jobs j ON j.dedupe_key = 'ocr:' || o.ocr_key
       WHERE ${where}
       ORDER BY p.seq`,
    )
    .all(filter.batchId ?? JSON.stringify(filter.pageIds ?? [])) as Array<{ page: string; state: OcrState; engine: OcrEngineName | null; error: string | null }>;
  return rows.map((r) => ({ ...r, error: r.error ?? null }));
}

/** Pages that show the image a job reads, with their batch: who to tell when it is done. */
export function pagesOfKey(db: Db, key: string): Array<{ pageId: string; batchId: string }> {
  return db
    .prepare('SELECT o.page_id AS pageId, p.batch_id AS batchId FROM page_ocr o JOIN pages p ON p.id = o.page_id WHERE o.ocr_key = ?')
    .all(key) as Array<{ pageId: string; batchId: string }>;
}
