import { validateFields, type FieldChecks } from '../../../shared/filing/metadata-rules';
import { findBusiness, type Scheme } from '../../../shared/filing/scheme';
import { parseSheetPayload, type SheetInfo } from '../../../shared/filing/sheet-key';
import { planSplit, type SplitPage, type SplitProblem } from '../../../shared/filing/split-plan';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { getBatch } from '../store/repo/batches';
import { nowIso } from '../util/ids';
import { dropEmptyLooseDocuments, newDocumentWith, UNSORTED } from '../pages/page-ops';
import { checklistOn } from '../../../shared/filing/checklist';
import { insertItem, insertUnclassifiedItem } from '../filing/item-store';
import type { BarcodeReader } from './barcode-reader';
import type { FoundBarcode } from './barcode-protocol';
import { registeredSheet } from './sheets';

/** Pages of a batch not yet in any item and not in the trash, in scan order. */
function loosePages(db: Db, batchId: string): Array<{ id: string; flags: string; image: string }> {
  return db
    .prepare(
      `SELECT p.id, p.flags, v.sha256 AS image FROM pages p
       JOIN documents d ON d.id = p.document_id
       JOIN derivatives v ON v.page_id = p.id AND v.kind = 'image'
       WHERE p.batch_id = ? AND d.item_id IS NULL AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id)
       ORDER BY p.seq`,
    )
    .all(batchId) as Array<{ id: string; flags: string; image: string }>;
}

/**
 * Read barcodes on the batch's loose pages not read yet (each page once; results kept). The
 * reading runs in the barcode worker; progress is reported per page.
 */
export async function detectSheets(
  db: Db,
  blobs: BlobStore,
  reader: BarcodeReader,
  batchId: string,
  onPage: (done: number, total: number) => void = () => undefined,
): Promise<{ checked: number; failed: Array<{ page: string; error: string }> }> {
  const checked = db.prepare('SELECT 1 FROM page_barcodes WHERE page_id = ?').pluck();
  const todo = loosePages(db, batchId).filter((p) => !checked.get(p.id));
  const save = db.prepare('INSERT OR REPLACE INTO page_barcodes (page_id, codes, checked_at) VALUES (?, ?, ?)');
  const failed: Array<{ page: string; error: string }> = [];
  let done = 0;
  for (const page of todo) {
    try {
      const codes = await reader.read(await blobs.read(page.image));
      save.run(page.id, JSON.stringify(codes), nowIso());
    } catch (err) {
      failed.push({ page: page.id, error: err instanceof Error ? err.message : String(err) });
    }
    onPage(++done, todo.length);
  }
  return { checked: todo.length - failed.length, failed };
}

/** The sheet a page's barcodes show: the registered record wins, the QR content fills in the rest. */
function sheetOf(db: Db, codes: readonly FoundBarcode[]): SheetInfo | null {
  let fromQr: SheetInfo | null = null;
  let key: string | null = null;
  for (const c of codes) {
    const parsed = parseSheetPayload(c.text);
    if (!parsed) continue;
    key ??= parsed.key;
    if (parsed.kind !== null) fromQr = parsed;
  }
  if (!key) return null;
  return registeredSheet(db, key) ?? fromQr ?? { key, kind: 'separator' };
}

export interface SplitItemResult {
  readonly item: string;
  readonly key: string | null;
  readonly business: string | null;
  readonly pages: number;
  readonly sheetPages: number;
  readonly problems: SplitProblem[];
}

export interface SplitResult {
  readonly batch: string;
  readonly items: SplitItemResult[];
  readonly emptySheets: string[];
  /** Loose pages whose barcodes were not read yet (run detection first). */
  readonly unread: number;
}

/**
 * Split the batch's loose pages into items at their sheets (see planSplit). A sheet's business,
 * date and key fields fill the new item; values a scheme edit made invalid are left for the
 * archivist. Sheet pages are kept as the item's first document, or moved to the trash
 * (recoverable), as the profile says. One transaction: a batch is split wholly or not at all.
 */
export function splitBatch(db: Db, actor: string, scheme: Scheme, checks: FieldChecks, batchId: string, options: { keepSheets: boolean }): SplitResult {
  const batch = getBatch(db, batchId);
  if (!batch) throw new DeskError('not_found', `没有这个批次 / no batch ${batchId}`);
  return db.transaction((): SplitResult => {
    const codesOf = db.prepare('SELECT codes FROM page_barcodes WHERE page_id = ?').pluck();
    let unread = 0;
    const pages: SplitPage[] = loosePages(db, batch.id).map((p) => {
      const codes = codesOf.get(p.id) as string | undefined;
      if (codes === undefined) unread++;
      const flags = JSON.parse(p.flags) as Record<string, unknown>;
      return { id: p.id, sheet: codes ? sheetOf(db, JSON.parse(codes) as FoundBarcode[]) : null, blank: flags.blank === true };
    });
    if (unread > 0) throw new DeskError('conflict', `还有 ${unread} 页未识别条码，请先检测 / ${unread} pages not read for barcodes yet: detect first`);
    const plan = planSplit(pages);
    const at = nowIso();
    const trash = db.prepare('INSERT INTO page_trash (page_id, reason, actor, at) VALUES (?, ?, ?, ?)');
    const items = plan.items.map((planned): SplitItemResult => {
      const item = createSplitItem(db, actor, scheme, checks, batch.id, planned.sheet);
      const intoDocument = (pageIds: readonly string[], title: string) => {
        if (pageIds.length > 0) newDocumentWith(db, { batchId: batch.id, itemId: item.id, material: null, title }, pageIds);
      };
      if (options.keepSheets) intoDocument(planned.sheetPages, planned.sheet?.kind === 'cover' ? '件封面' : '分隔页');
      else for (const id of planned.sheetPages) trash.run(id, '分隔页 / separator sheet', actor, at);
      intoDocument(planned.pages, UNSORTED);
      if (planned.key) {
        db.prepare(
          `INSERT INTO sheets (key, kind, batch_id, item_id, business, business_date, fields, expected_pages, actor, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET item_id = coalesce(sheets.item_id, excluded.item_id)`,
        ).run(planned.key, planned.sheet!.kind, batch.id, item.id, planned.sheet!.business ?? null, planned.sheet!.businessDate ?? null, JSON.stringify(planned.sheet!.fields ?? {}), planned.sheet!.expectedPages ?? null, actor, at);
      }
      return { item: item.id, key: planned.key, business: item.business, pages: planned.pages.length, sheetPages: planned.sheetPages.length, problems: [...planned.problems] };
    });
    dropEmptyLooseDocuments(db, batch.id);
    appendEvent(db, { actor, kind: 'batch.split', subject: batch.id, data: { items: items.length, emptySheets: plan.emptySheets, keepSheets: options.keepSheets } });
    return { batch: batch.id, items, emptySheets: [...plan.emptySheets], unread };
  }).immediate();
}

function createSplitItem(db: Db, actor: string, scheme: Scheme, checks: FieldChecks, batchId: string, sheet: SheetInfo | null): { id: string; business: string | null } {
  const business = sheet?.business ? findBusiness(scheme.body, sheet.business) : undefined;
  const date = sheet?.businessDate && checks.date(sheet.businessDate);
  if (business && date && date.ok && checklistOn(business, date.value)) {
    const verdict = validateFields(scheme.body, sheet?.fields ?? {}, checks, { business });
    // Values the scheme now refuses are dropped here and reported by the item's check later.
    const id = insertItem(db, actor, { batchId, business: business.code, businessDate: date.value, fields: verdict.values, schemeVersion: scheme.version });
    return { id, business: business.code };
  }
  return { id: insertUnclassifiedItem(db, actor, batchId, { sheet: sheet?.key ?? null }), business: null };
}
