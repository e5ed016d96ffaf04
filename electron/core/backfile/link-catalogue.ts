import path from 'node:path';
import type { ImportResult } from '../../../shared/contract';
import { compileRule, planLinks } from '../../../shared/filing/naming-rule';
import type { Scheme } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import { importPaths, type ImportDeps } from '../import/import-paths';
import { walkInputs } from '../import/walk-inputs';
import { insertItem } from '../filing/item-store';
import { dropEmptyLooseDocuments, newDocumentWith, UNSORTED } from '../pages/page-ops';
import { catalogueBatch, catalogueRows } from './catalogue-store';

export interface LinkResult {
  readonly catalogue: string;
  readonly linked: Array<{ rowNo: number; item: string; files: number; pages: number }>;
  /** Rows no file matched. */
  readonly unmatchedRows: Array<{ rowNo: number; key: string | null }>;
  /** Files no row matched (paths below the image folder). */
  readonly unmatchedFiles: string[];
  /** Rows matched but not linkable (no business or date), with the reason. */
  readonly refusedRows: Array<{ rowNo: number; reason: string }>;
  readonly duplicateKeys: string[];
  readonly importErrors: ImportResult['rejected'];
}

/**
 * 数据挂接: link an image folder to a catalogue by a naming rule. Matched files are imported into
 * the catalogue's batch in page order, and each matched row becomes an item with the row's
 * business, date and metadata, its pages in one document to be sorted by material. Rows already
 * linked are left alone, so the link can be run again after more images arrive.
 */
export async function linkCatalogue(deps: ImportDeps, scheme: Scheme, input: { catalogueId: string; imagesDir: string; rule: string }): Promise<LinkResult> {
  const { db, actor } = deps;
  const batchId = catalogueBatch(db, input.catalogueId);
  let rule;
  try {
    rule = compileRule(input.rule);
  } catch (err) {
    throw new DeskError('bad_request', (err as Error).message);
  }
  const stored = catalogueRows(db, input.catalogueId);
  const open = stored.filter((s) => s.itemId === null);
  const keyOf = (r: (typeof stored)[number]['row']) => (rule.field === '档号' ? r.archivalCode : (r.fields[rule.field] ?? null));
  const walked = await walkInputs([input.imagesDir], { folders: true });
  const root = path.resolve(input.imagesDir);
  const relative = walked.files.map((f) => path.relative(root, f).split(path.sep).join('/'));
  const plan = planLinks(open.map((s) => ({ rowNo: s.row.rowNo, key: keyOf(s.row) })), relative, rule);

  const rowByNo = new Map(open.map((s) => [s.row.rowNo, s.row]));
  const refusedRows: LinkResult['refusedRows'] = [];
  const usable = plan.matches.filter((m) => {
    const row = rowByNo.get(m.rowNo)!;
    if (row.business && row.businessDate) return true;
    refusedRows.push({ rowNo: m.rowNo, reason: '缺少业务类型或办理日期 / the row has no business or date' });
    return false;
  });
  const absolute = (rel: string) => path.join(root, ...rel.split('/'));
  const imported = await importPaths(deps, batchId, usable.flatMap((m) => m.files.map(absolute)));
  const sourceOf = new Map<string, string>();
  const sourceByDocument = db.prepare('SELECT source_file_id FROM documents WHERE id = ?').pluck();
  for (const f of imported.imported) sourceOf.set(f.file, sourceByDocument.get(f.documentId) as string);
  for (const d of imported.duplicates) sourceOf.set(d.file, d.existing);

  const linked: LinkResult['linked'] = [];
  const pagesOf = db.prepare(
    `SELECT p.id FROM pages p JOIN documents d ON d.id = p.document_id
     WHERE p.source_file_id = ? AND d.item_id IS NULL AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) ORDER BY p.seq`,
  ).pluck();
  for (const match of usable) {
    const row = rowByNo.get(match.rowNo)!;
    const pages = match.files.flatMap((rel) => {
      const source = sourceOf.get(absolute(rel));
      return source ? (pagesOf.all(source) as string[]) : [];
    });
    if (pages.length === 0) {
      refusedRows.push({ rowNo: match.rowNo, reason: '图像未能导入或已属于其他件 / images not imported or already in an item' });
      continue;
    }
    const item = db.transaction(() => {
      const id = insertItem(db, actor, { batchId, business: row.business!, businessDate: row.businessDate!, fields: row.fields, schemeVersion: scheme.version });
      newDocumentWith(db, { batchId, itemId: id, material: null, title: UNSORTED }, pages);
      db.prepare('UPDATE catalogue_rows SET item_id = ? WHERE catalogue_id = ? AND row_no = ?').run(id, input.catalogueId, match.rowNo);
      dropEmptyLooseDocuments(db, batchId);
      return id;
    })();
    linked.push({ rowNo: match.rowNo, item, files: match.files.length, pages: pages.length });
  }
  db.transaction(() => appendEvent(db, { actor, kind: 'catalogue.linked', subject: input.catalogueId, data: { rule: input.rule, linked: linked.length, unmatchedRows: plan.unmatchedRows.length, unmatchedFiles: plan.unmatchedFiles.length } }))();
  return {
    catalogue: input.catalogueId,
    linked,
    unmatchedRows: plan.unmatchedRows.map((no) => ({ rowNo: no, key: keyOf(rowByNo.get(no)!) })),
    unmatchedFiles: [...plan.unmatchedFiles],
    refusedRows,
    duplicateKeys: [...plan.duplicateKeys],
    importErrors: imported.rejected,
  };
}
