import type { Db } from '../store/open-database';

/**
 * Where the transfer package gets facts other parts of the station own. Filing (item metadata,
 * 档号), OCR (page text) and capture (scanner, colour mode) fill these from their own tables;
 * the bag format already has a place for each, so adding a source changes no format.
 */
export interface MetadataHooks {
  /** DA/T 46 archival and HPF business elements of an item, keyed by element name (档号, 题名, 证件号码…). */
  itemFields?(itemId: string): Readonly<Record<string, string>>;
  /** The page's recognized text in reading order, when OCR has run on it. */
  pageText?(pageId: string): string | undefined;
  /** More DA/T 31 digitization elements of a page (扫描设备, 色彩模式 …). */
  pageFields?(pageId: string): Readonly<Record<string, string>>;
}

const hasTables = (db: Db, ...names: string[]): boolean =>
  names.every((name) => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined);

/**
 * The hooks this store can answer, read straight from the owning modules' tables when their
 * migrations have created them (so packaging works the same before and after they land):
 * OCR text from `page_ocr` → `ocr_results`; item metadata from the latest `item_versions` row,
 * with 业务类型, 办理日期 and the 档号 from `archival_codes`.
 */
export function storeMetadataHooks(db: Db): MetadataHooks {
  const hooks: { -readonly [K in keyof MetadataHooks]: MetadataHooks[K] } = {};
  if (hasTables(db, 'page_ocr', 'ocr_results')) {
    const text = db.prepare('SELECT r.text FROM page_ocr o JOIN ocr_results r ON r.key = o.ocr_key WHERE o.page_id = ?').pluck();
    hooks.pageText = (pageId) => (text.get(pageId) as string | undefined) ?? undefined;
  }
  if (hasTables(db, 'item_versions', 'archival_codes')) {
    const item = db.prepare(
      `SELECT v.fields, v.business, v.business_date, c.code FROM items i
       LEFT JOIN item_versions v ON v.item_id = i.id AND v.version = (SELECT max(version) FROM item_versions WHERE item_id = i.id)
       LEFT JOIN archival_codes c ON c.item_id = i.id
       WHERE i.id = ?`,
    );
    hooks.itemFields = (itemId) => {
      const r = item.get(itemId) as { fields: string | null; business: string | null; business_date: string | null; code: string | null } | undefined;
      if (!r) return {};
      const fields = r.fields ? (JSON.parse(r.fields) as Record<string, unknown>) : {};
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined && v !== '') out[k] = String(v);
      if (r.business) out['业务类型'] ??= r.business;
      if (r.business_date) out['办理日期'] ??= r.business_date;
      if (r.code) out['档号'] = r.code;
      return out;
    };
  }
  return hooks;
}
