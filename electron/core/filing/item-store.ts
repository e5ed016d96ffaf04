import type { FilingDocument, FilingItem, ItemVersion } from '../../../shared/contract/filing';
import type { Fields } from '../../../shared/filing/checklist';
import { maskFields } from '../../../shared/filing/metadata-rules';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { newId, nowIso } from '../util/ids';

interface ItemRow {
  id: string;
  batch_id: string;
  business: string | null;
  business_date: string | null;
  state: string;
  version: number;
  dossier_id: string | null;
  filed_at: string | null;
  missing_reason: string | null;
  created_at: string;
  archival_code: string | null;
}

interface VersionRow {
  item_id: string;
  version: number;
  business: string;
  business_date: string;
  fields: string;
  scheme_version: number;
  actor: string;
  reason: string;
  at: string;
}

const ITEM = `SELECT i.*, c.code AS archival_code FROM items i LEFT JOIN archival_codes c ON c.item_id = i.id`;

const toVersion = (r: VersionRow): ItemVersion => ({
  version: r.version,
  business: r.business,
  businessDate: r.business_date,
  fields: JSON.parse(r.fields) as Record<string, string>,
  schemeVersion: r.scheme_version,
  actor: r.actor,
  reason: r.reason,
  at: r.at,
});

export function itemVersions(db: Db, itemId: string): ItemVersion[] {
  return (db.prepare('SELECT * FROM item_versions WHERE item_id = ? ORDER BY version').all(itemId) as VersionRow[]).map(toVersion);
}

export function latestVersion(db: Db, itemId: string): ItemVersion | undefined {
  const row = db.prepare('SELECT * FROM item_versions WHERE item_id = ? ORDER BY version DESC LIMIT 1').get(itemId) as VersionRow | undefined;
  return row && toVersion(row);
}

/** The item's documents with their pages in order; trashed pages and emptied documents left out. */
export function itemDocuments(db: Db, itemId: string): FilingDocument[] {
  const docs = db.prepare('SELECT id, material, title FROM documents WHERE item_id = ? ORDER BY created_at, id').all(itemId) as Array<{
    id: string; material: string | null; title: string;
  }>;
  const pages = db.prepare(
    'SELECT id FROM pages p WHERE document_id = ? AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) ORDER BY seq',
  ).pluck();
  return docs.map((d) => ({ ...d, pageIds: pages.all(d.id) as string[] })).filter((d) => d.pageIds.length > 0);
}

/** Pages per material code of an item, for the completeness check. */
export function pagesByMaterial(docs: readonly FilingDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) if (d.material) counts.set(d.material, (counts.get(d.material) ?? 0) + d.pageIds.length);
  return counts;
}

function toItem(db: Db, r: ItemRow, scheme: SchemeBody | null): FilingItem {
  const fields = latestVersion(db, r.id)?.fields ?? {};
  return {
    id: r.id,
    batchId: r.batch_id,
    business: r.business,
    businessDate: r.business_date,
    state: r.state,
    version: r.version,
    fields: scheme ? maskFields(scheme, fields) : fields,
    masked: scheme !== null,
    archivalCode: r.archival_code,
    dossierId: r.dossier_id,
    filedAt: r.filed_at,
    missingReason: r.missing_reason,
    documents: itemDocuments(db, r.id),
    createdAt: r.created_at,
  };
}

/** One item; pass the scheme to mask personal elements (lists), null for the full record. */
export function getItem(db: Db, id: string, maskWith: SchemeBody | null): FilingItem | undefined {
  const row = db.prepare(`${ITEM} WHERE i.id = ?`).get(id) as ItemRow | undefined;
  return row && toItem(db, row, maskWith);
}

export function itemOrThrow(db: Db, id: string, maskWith: SchemeBody | null): FilingItem {
  const item = getItem(db, id, maskWith);
  if (!item) throw new DeskError('not_found', `没有这个件 / no item ${id}`);
  return item;
}

export function listBatchItems(db: Db, batchId: string, maskWith: SchemeBody): FilingItem[] {
  return (db.prepare(`${ITEM} WHERE i.batch_id = ? ORDER BY i.created_at, i.id`).all(batchId) as ItemRow[]).map((r) => toItem(db, r, maskWith));
}

export interface NewItem {
  readonly batchId: string;
  readonly business: string;
  readonly businessDate: string;
  readonly fields: Fields;
  readonly schemeVersion: number;
}

/** Insert a draft item with its first metadata version (call with values already validated). */
export function insertItem(db: Db, actor: string, input: NewItem): string {
  const id = newId('I');
  const at = nowIso();
  db.transaction(() => {
    db.prepare('INSERT INTO items (id, batch_id, business, business_date, state, version, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)').run(
      id, input.batchId, input.business, input.businessDate, 'draft', at,
    );
    insertVersion(db, id, 1, actor, '新建 / created', input);
    appendEvent(db, { actor, kind: 'item.created', subject: id, data: { batchId: input.batchId, business: input.business, businessDate: input.businessDate } });
  })();
  return id;
}

/** An item split off a batch before anyone said what business it is (version 0, no metadata yet). */
export function insertUnclassifiedItem(db: Db, actor: string, batchId: string, data: Readonly<Record<string, unknown>>): string {
  const id = newId('I');
  db.transaction(() => {
    db.prepare("INSERT INTO items (id, batch_id, business, business_date, state, version, created_at) VALUES (?, ?, NULL, NULL, 'draft', 0, ?)").run(id, batchId, nowIso());
    appendEvent(db, { actor, kind: 'item.created', subject: id, data: { batchId, ...data } });
  })();
  return id;
}

function insertVersion(db: Db, itemId: string, version: number, actor: string, reason: string, v: Omit<NewItem, 'batchId'>): void {
  db.prepare(
    'INSERT INTO item_versions (item_id, version, business, business_date, fields, scheme_version, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(itemId, version, v.business, v.businessDate, JSON.stringify(v.fields), v.schemeVersion, actor, reason, nowIso());
}

/**
 * Record a correction as the item's next version (who, when, why); earlier versions stay. A
 * filed item keeps its business and date, because its 档号 and dossier were derived from them.
 */
export function addVersion(db: Db, actor: string, itemId: string, reason: string, next: Omit<NewItem, 'batchId'>): number {
  return db.transaction((): number => {
    const row = db.prepare('SELECT version, filed_at, business, business_date FROM items WHERE id = ?').get(itemId) as
      | { version: number; filed_at: string | null; business: string | null; business_date: string | null }
      | undefined;
    if (!row) throw new DeskError('not_found', `没有这个件 / no item ${itemId}`);
    if (row.filed_at && (next.business !== row.business || next.businessDate !== row.business_date)) {
      throw new DeskError('conflict', '已归档的件不能更改业务类型或办理日期（档号由其生成）/ a filed item keeps its business and date: its 档号 was derived from them');
    }
    const version = row.version + 1;
    insertVersion(db, itemId, version, actor, reason, next);
    db.prepare('UPDATE items SET version = ?, business = ?, business_date = ? WHERE id = ?').run(version, next.business, next.businessDate, itemId);
    appendEvent(db, { actor, kind: 'item.corrected', subject: itemId, data: { version, reason } });
    return version;
  })();
}
