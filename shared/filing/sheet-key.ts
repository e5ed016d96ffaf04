/**
 * What separator and cover sheets carry in their barcodes. The Code 128 holds only the short key
 * (`HPF:` + key, plain ASCII so every reader takes it); the QR code holds the key and the item's
 * key fields as JSON, so a sheet printed on another station still fills the fields. Either one
 * read is enough: the key finds the sheet's record where it was printed.
 */

export type SheetKind = 'separator' | 'cover';

export interface SheetInfo {
  readonly key: string;
  readonly kind: SheetKind;
  readonly batch?: string;
  readonly business?: string;
  readonly businessDate?: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly expectedPages?: number;
}

const LINEAR_PREFIX = 'HPF:';
const QR_PREFIX = 'HPF1';
const KEY = /^[0-9A-Z]{4,20}$/;

export const isSheetKey = (key: string): boolean => KEY.test(key);

export const linearPayload = (key: string): string => `${LINEAR_PREFIX}${key}`;

export function qrPayload(sheet: SheetInfo): string {
  const body: Record<string, unknown> = { k: sheet.key, t: sheet.kind === 'cover' ? 'C' : 'S' };
  if (sheet.batch) body.bt = sheet.batch;
  if (sheet.business) body.b = sheet.business;
  if (sheet.businessDate) body.d = sheet.businessDate;
  if (sheet.expectedPages) body.n = sheet.expectedPages;
  if (sheet.fields && Object.keys(sheet.fields).length > 0) body.f = sheet.fields;
  return `${QR_PREFIX}${JSON.stringify(body)}`;
}

const isStringRecord = (x: unknown): x is Record<string, string> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string');

/**
 * Read one decoded barcode text: a sheet's (full from QR, key only from Code 128), or null for
 * any other barcode on a page (an invoice's, a parcel label's) — those never split a batch.
 */
export function parseSheetPayload(text: string): SheetInfo | { readonly key: string; readonly kind: null } | null {
  const t = text.trim();
  if (t.startsWith(LINEAR_PREFIX)) {
    const key = t.slice(LINEAR_PREFIX.length);
    return isSheetKey(key) ? { key, kind: null } : null;
  }
  if (!t.startsWith(QR_PREFIX)) return null;
  let body: unknown;
  try {
    body = JSON.parse(t.slice(QR_PREFIX.length));
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.k !== 'string' || !isSheetKey(b.k) || (b.t !== 'S' && b.t !== 'C')) return null;
  return {
    key: b.k,
    kind: b.t === 'C' ? 'cover' : 'separator',
    ...(typeof b.bt === 'string' ? { batch: b.bt } : {}),
    ...(typeof b.b === 'string' ? { business: b.b } : {}),
    ...(typeof b.d === 'string' ? { businessDate: b.d } : {}),
    ...(typeof b.n === 'number' && Number.isInteger(b.n) && b.n > 0 ? { expectedPages: b.n } : {}),
    ...(isStringRecord(b.f) ? { fields: b.f } : {}),
  };
}
