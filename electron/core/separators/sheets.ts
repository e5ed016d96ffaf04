import type { Fields } from '../../../shared/filing/checklist';
import { maskFields, validateFields, type FieldChecks } from '../../../shared/filing/metadata-rules';
import { findBusiness, type Scheme } from '../../../shared/filing/scheme';
import type { SheetInfo, SheetKind } from '../../../shared/filing/sheet-key';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { getBatch } from '../store/repo/batches';
import { newId, nowIso } from '../util/ids';
import { businessOrThrow } from '../filing/check-item';
import { checkBusinessDate, refuseProblems } from '../filing/item-service';
import { sheetsPdf, type SheetToPrint } from './sheet-pdf';

export interface SheetRequest {
  readonly business?: string;
  readonly businessDate?: string;
  readonly fields?: Fields;
  readonly expectedPages?: number;
}

/** A short key (kind letter, time, randomness) that fits a Code 128 read at 200 dpi. */
function sheetKey(kind: SheetKind): string {
  const letter = kind === 'cover' ? 'C' : 'S';
  const id = newId(letter);
  return `${letter}${id.slice(2, 12)}${id.slice(12, 15)}`;
}

/**
 * Register separator or cover sheets for a batch and lay them out as a printable PDF. What a
 * sheet stands for is checked now, when it can still be fixed, and kept under its key, so the
 * barcode read later fills the item even if only the Code 128 survives the scan.
 */
export async function printSheets(
  db: Db,
  actor: string,
  scheme: Scheme,
  checks: FieldChecks,
  input: { batchId: string; kind: SheetKind; sheets: readonly SheetRequest[] },
): Promise<{ keys: string[]; pdf: Uint8Array }> {
  const batch = getBatch(db, input.batchId);
  if (!batch) throw new DeskError('not_found', `没有这个批次 / no batch ${input.batchId}`);
  if (input.sheets.length === 0 || input.sheets.length > 1000) throw new DeskError('bad_request', '一次打印 1–1000 张 / print 1 to 1000 sheets at a time');
  const prepared = input.sheets.map((s): SheetInfo & { lines: string[] } => {
    const business = s.business ? businessOrThrow(scheme.body, s.business) : undefined;
    const businessDate = s.businessDate ? checkBusinessDate(checks, s.businessDate) : undefined;
    const verdict = validateFields(scheme.body, s.fields ?? {}, checks, business ? { business } : {});
    if (verdict.problems.length > 0) refuseProblems(verdict.problems);
    const key = sheetKey(input.kind);
    const masked = maskFields(scheme.body, verdict.values);
    const lines = [
      `批次：${batch.name}`,
      ...(business ? [`业务：${scheme.body.classes.find((c) => c.code === business.class)?.name ?? ''} · ${business.name}（${business.code}）`] : []),
      ...(businessDate ? [`办理日期：${businessDate}`] : []),
      ...Object.entries(masked).map(([k, v]) => `${k}：${v}`),
      ...(s.expectedPages ? [`页数：${s.expectedPages}`] : []),
    ];
    return {
      key,
      kind: input.kind,
      batch: batch.id,
      ...(business ? { business: business.code } : {}),
      ...(businessDate ? { businessDate } : {}),
      fields: verdict.values,
      ...(s.expectedPages ? { expectedPages: s.expectedPages } : {}),
      lines,
    };
  });
  const pdf = await sheetsPdf(prepared satisfies readonly SheetToPrint[]);
  db.transaction(() => {
    const put = db.prepare(
      'INSERT INTO sheets (key, kind, batch_id, business, business_date, fields, expected_pages, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const at = nowIso();
    for (const s of prepared) put.run(s.key, s.kind, batch.id, s.business ?? null, s.businessDate ?? null, JSON.stringify(s.fields ?? {}), s.expectedPages ?? null, actor, at);
    appendEvent(db, { actor, kind: 'sheets.printed', subject: batch.id, data: { kind: input.kind, keys: prepared.map((s) => s.key) } });
  })();
  return { keys: prepared.map((s) => s.key), pdf };
}

/** A sheet as registered here, or as its QR code says (sheets printed elsewhere). */
export function registeredSheet(db: Db, key: string): SheetInfo | undefined {
  const row = db.prepare('SELECT * FROM sheets WHERE key = ?').get(key) as
    | { key: string; kind: SheetKind; batch_id: string | null; business: string | null; business_date: string | null; fields: string; expected_pages: number | null }
    | undefined;
  if (!row) return undefined;
  return {
    key: row.key,
    kind: row.kind,
    ...(row.batch_id ? { batch: row.batch_id } : {}),
    ...(row.business ? { business: row.business } : {}),
    ...(row.business_date ? { businessDate: row.business_date } : {}),
    fields: JSON.parse(row.fields) as Record<string, string>,
    ...(row.expected_pages ? { expectedPages: row.expected_pages } : {}),
  };
}

/** Does the scheme still know the sheet's business (a sheet may outlive a scheme edit)? */
export const knownBusiness = (scheme: Scheme, sheet: SheetInfo): boolean => !!sheet.business && !!findBusiness(scheme.body, sheet.business);
