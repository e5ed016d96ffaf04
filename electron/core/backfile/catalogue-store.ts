import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv, readRow, suggestMapping, type CatalogueRow, type ColumnMapping } from '../../../shared/filing/catalogue';
import type { FieldChecks } from '../../../shared/filing/metadata-rules';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { getBatch } from '../store/repo/batches';
import { newId, nowIso } from '../util/ids';
import { assertXlsxWithinLimits, CATALOGUE_LIMITS } from './xlsx-limits';
import { loadSheetReader } from '../util/load-on-use';

export interface CatalogueTable {
  readonly headers: string[];
  readonly rows: string[][];
  readonly sha256: string;
}

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
};

/**
 * Read a catalogue: .xlsx (first sheet) or CSV. Excel's CSV export in China is often GB18030, so
 * a CSV that is not valid UTF-8 is read as GB18030. The first non-empty row is the header.
 */
export async function readCatalogueFile(file: string): Promise<CatalogueTable> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    // Before reading: a path from the UI may name anything, a device or a disk image included.
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > CATALOGUE_LIMITS.fileBytes) {
      throw new DeskError('bad_request', `目录文件超过 ${CATALOGUE_LIMITS.fileBytes / 1024 ** 2} MB / the catalogue file is larger than ${CATALOGUE_LIMITS.fileBytes / 1024 ** 2} MB`, { reason: 'catalogue_file_too_large' });
    }
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof DeskError) throw err;
    throw new DeskError('bad_request', `无法读取目录文件 / cannot read ${file}: ${(err as Error).message}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let table: string[][];
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    // An .xlsx is a zip: its unpacked size is checked before the reader unpacks it.
    await assertXlsxWithinLimits(bytes);
    try {
      table = (await (await loadSheetReader())(bytes)).map((row) => row.map(cellText));
    } catch (err) {
      throw new DeskError('bad_request', `Excel 文件无法解析 / not a readable .xlsx: ${(err as Error).message}`);
    }
  } else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('gb18030').decode(bytes);
    }
    table = parseCsv(text);
  }
  const nonEmpty = table.filter((r) => r.some((c) => c !== ''));
  const [headers, ...rows] = nonEmpty;
  if (!headers || rows.length === 0) throw new DeskError('bad_request', `目录为空（需表头和至少一行）/ the catalogue is empty: ${path.basename(file)}`);
  return { headers: headers.map((h) => h.trim()), rows, sha256 };
}

function checkMapping(table: CatalogueTable, mapping: ColumnMapping, scheme: SchemeBody): void {
  for (const [column, key] of Object.entries(mapping)) {
    if (!table.headers.includes(column)) throw new DeskError('bad_request', `目录中没有列“${column}” / no column ${column}`);
    if (key !== null && !scheme.fields.some((f) => f.key === key)) throw new DeskError('bad_request', `没有这个著录项 / no element ${key}`);
  }
}

export interface CataloguePreview {
  readonly headers: string[];
  readonly mapping: ColumnMapping;
  readonly total: number;
  /** The first rows' cells as read, beside `rows` (what the mapping makes of them). */
  readonly cells: string[][];
  readonly rows: CatalogueRow[];
  readonly rowsWithProblems: number;
}

/** The mapping (suggested, overridden by `mapping`) and how the first rows read with it. */
export function previewCatalogue(scheme: SchemeBody, checks: FieldChecks, table: CatalogueTable, mapping: ColumnMapping = {}, limit = 20): CataloguePreview {
  const full = { ...suggestMapping(table.headers, scheme), ...mapping };
  checkMapping(table, full, scheme);
  const rows = table.rows.map((cells, i) => readRow(scheme, checks, table.headers, full, cells, i + 2));
  return { headers: table.headers, mapping: full, total: rows.length, cells: table.rows.slice(0, limit), rows: rows.slice(0, limit), rowsWithProblems: rows.filter((r) => r.problems.length > 0).length };
}

/** Store a catalogue for a batch with every row as read (problems kept for the archivist). */
export function importCatalogue(db: Db, actor: string, scheme: SchemeBody, checks: FieldChecks, input: { batchId: string; name: string; table: CatalogueTable; mapping?: ColumnMapping }): { catalogue: string; rows: number; rowsWithProblems: number; mapping: ColumnMapping } {
  if (!getBatch(db, input.batchId)) throw new DeskError('not_found', `没有这个批次 / no batch ${input.batchId}`);
  const preview = previewCatalogue(scheme, checks, input.table, input.mapping, Number.MAX_SAFE_INTEGER);
  const id = newId('C');
  db.transaction(() => {
    db.prepare('INSERT INTO catalogues (id, batch_id, name, source_sha256, mapping, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id, input.batchId, input.name, input.table.sha256, JSON.stringify(preview.mapping), actor, nowIso(),
    );
    const put = db.prepare('INSERT INTO catalogue_rows (catalogue_id, row_no, fields, problems) VALUES (?, ?, ?, ?)');
    for (const r of preview.rows) put.run(id, r.rowNo, JSON.stringify(r), JSON.stringify(r.problems));
    appendEvent(db, { actor, kind: 'catalogue.imported', subject: id, data: { batchId: input.batchId, rows: preview.total, sha256: input.table.sha256 } });
  })();
  return { catalogue: id, rows: preview.total, rowsWithProblems: preview.rowsWithProblems, mapping: preview.mapping };
}

export interface StoredRow {
  readonly row: CatalogueRow;
  readonly itemId: string | null;
}

export function catalogueRows(db: Db, catalogueId: string): StoredRow[] {
  const rows = db.prepare('SELECT fields, item_id FROM catalogue_rows WHERE catalogue_id = ? ORDER BY row_no').all(catalogueId) as Array<{ fields: string; item_id: string | null }>;
  return rows.map((r) => ({ row: JSON.parse(r.fields) as CatalogueRow, itemId: r.item_id }));
}

export function catalogueBatch(db: Db, catalogueId: string): string {
  const batch = db.prepare('SELECT batch_id FROM catalogues WHERE id = ?').pluck().get(catalogueId) as string | undefined;
  if (!batch) throw new DeskError('not_found', `没有这个目录 / no catalogue ${catalogueId}`);
  return batch;
}

/** The 档号 an item's catalogue row gives it, if any (adopted when the item is filed). */
export function catalogueCodeOf(db: Db, itemId: string): string | undefined {
  const fields = db.prepare('SELECT fields FROM catalogue_rows WHERE item_id = ? LIMIT 1').pluck().get(itemId) as string | undefined;
  return fields ? ((JSON.parse(fields) as CatalogueRow).archivalCode ?? undefined) : undefined;
}
