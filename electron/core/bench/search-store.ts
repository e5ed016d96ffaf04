import { createHash } from 'node:crypto';
import type { OcrRecognition } from '../../../shared/contract';
import { createBatch } from '../store/repo/batches';
import { insertResult, requestPageOcr } from '../store/repo/ocr-results';
import type { Db } from '../store/open-database';
import { cachedStatement } from '../store/statement-cache';
import { newId, nowIso } from '../util/ids';
import { formText, type FormPerson } from './synthetic-form-text';

/** Pages per imported file (and per document), as a scanner's multi-page TIFF would bring them. */
const PAGES_PER_FILE = 20;

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** What an engine would report for the text: one line per row, 40 px a character. */
function recognition(text: string): OcrRecognition {
  const lines = text.split('\n').map((row, r) => ({ text: row, box: [100, 100 + r * 60, row.length * 40, 48] as [number, number, number, number], confidence: 0.95, words: [] }));
  return { text, confidence: 0.95, angle: 0, width: 2480, height: 3508, lines };
}

/**
 * The rows an import leaves for one file of pages: the file, its document and its pages with
 * their page images (content addresses only: search never opens them). Returns the page ids.
 */
function addFile(db: Db, batchId: string, firstSeed: number, count: number): string[] {
  const at = nowIso();
  const putFile = cachedStatement(db, 'INSERT OR IGNORE INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)');
  const fileSha = sha(`file ${firstSeed}`);
  putFile.run(fileSha, 1, 'image/tiff', at);
  const sourceId = newId('F');
  cachedStatement(db, 'INSERT INTO source_files (id, batch_id, sha256, name, original_path, page_count, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(sourceId, batchId, fileSha, `扫描-${firstSeed}.tif`, `/scans/${firstSeed}.tif`, count, at);
  const documentId = newId('D');
  cachedStatement(db, 'INSERT INTO documents (id, batch_id, item_id, source_file_id, material, title, created_at) VALUES (?, ?, NULL, ?, NULL, ?, ?)')
    .run(documentId, batchId, sourceId, `扫描-${firstSeed}.tif`, at);
  const putPage = cachedStatement(db, 
    `INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 2480, 3508, 300, '{}', ?)`,
  );
  const putImage = cachedStatement(db, 
    `INSERT INTO derivatives (id, page_id, kind, sha256, width, height, mime, steps, created_at) VALUES (?, ?, 'image', ?, 2480, 3508, 'image/jpeg', '[]', ?)`,
  );
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const pageId = newId('P');
    const imageSha = sha(`page ${firstSeed + i}`);
    putFile.run(imageSha, 1, 'image/jpeg', at);
    putPage.run(pageId, batchId, documentId, sourceId, i, firstSeed + i + 1, at);
    putImage.run(newId('V'), pageId, imageSha, at);
    ids.push(pageId);
  }
  return ids;
}

/**
 * Read a page as the OCR queue and service do: the page asks for a reading under its key, and
 * the result is stored in a transaction of its own (where the search triggers index it).
 */
export function storeReading(db: Db, pageId: string, seed: number, text: string): void {
  const imageSha = sha(`page ${seed}`);
  const key = sha(`${imageSha}:ppocr`);
  requestPageOcr(db, pageId, key, 'ppocr');
  db.transaction(() => {
    insertResult(db, { key, imageSha256: imageSha, engine: 'ppocr', model: 'PP-OCRv4 synthetic', settings: {}, seconds: 1, result: recognition(text) });
  })();
}

export interface FilledStore {
  readonly batchId: string;
  /** Who is on each page, in page order (for queries that hit). */
  readonly people: readonly FormPerson[];
  /**
   * CPU milliseconds spent storing OCR results (index upkeep included), per page: CPU time, not
   * wall time, so other work on a shared machine does not count.
   */
  readonly msPerReading: number;
}

export interface FillOptions {
  /** The first page's seed (side stores start elsewhere so their texts differ). */
  readonly from?: number;
  /**
   * The first `bulkPages` pages have each file's readings stored in one transaction, as a bulk
   * build: the same statements and triggers, fewer commits (each commit writes a new FTS5 segment
   * that later merges rewrite). The rest are stored one reading per transaction, as the OCR
   * service commits them, and `msPerReading` is measured on those (on all pages when none are).
   */
  readonly bulkPages?: number;
  /** Hears how many pages are done after every file. */
  readonly onProgress?: (done: number) => void;
}

/**
 * A backfile batch of `pages` synthetic read pages. Files are committed one per transaction as an
 * import does; each page's reading is then stored as the OCR service stores it.
 */
export function fillSearchStore(db: Db, pages: number, options: FillOptions = {}): FilledStore {
  const from = options.from ?? 0;
  const batch = createBatch(db, 'bench', { name: `检索基准 ${from}-${from + pages}`, kind: 'backfile', business: null });
  const people: FormPerson[] = [];
  const bulkPages = options.bulkPages ?? 0;
  let measured = { ms: 0, pages: 0 };
  const readFile = (first: number, ids: readonly string[]) => {
    const texts = ids.map((_, i) => formText(from + first + i));
    people.push(...texts.map((t) => t.person));
    const before = process.cpuUsage();
    ids.forEach((pageId, i) => storeReading(db, pageId, from + first + i, texts[i]!.text));
    const spent = process.cpuUsage(before);
    if (first < bulkPages && bulkPages < pages) return;
    measured = { ms: measured.ms + (spent.user + spent.system) / 1000, pages: measured.pages + ids.length };
  };
  const readFileAtOnce = db.transaction(readFile);
  for (let first = 0; first < pages; first += PAGES_PER_FILE) {
    const count = Math.min(PAGES_PER_FILE, pages - first);
    const ids = db.transaction(() => addFile(db, batch.id, from + first, count))();
    (first < bulkPages ? readFileAtOnce : readFile)(first, ids);
    options.onProgress?.(first + count);
  }
  return { batchId: batch.id, people, msPerReading: measured.ms / Math.max(1, measured.pages) };
}
