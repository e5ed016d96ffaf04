import type { Dossier } from '../../../shared/contract/filing';
import type { Fields } from '../../../shared/filing/checklist';
import { maskFields } from '../../../shared/filing/metadata-rules';
import { dossierRetention } from '../../../shared/filing/retention';
import { eventOf, type BusinessType, type DossierKind, type SchemeBody } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { newId, nowIso } from '../util/ids';

type Kind = Exclude<DossierKind, 'none'>;

/** The key values of an item for its dossier kind (一人一档: 证件号码; 一贷一档: 贷款合同号; 一企一档: 信用代码/单位账号). */
export function dossierKeys(scheme: SchemeBody, kind: Kind, fields: Fields): Array<{ field: string; value: string }> {
  return scheme.dossierKeys[kind].filter((f) => (fields[f] ?? '').trim() !== '').map((field) => ({ field, value: fields[field]!.trim() }));
}

function titleFor(kind: Kind, fields: Fields): string {
  switch (kind) {
    case 'person':
      return `${fields['姓名'] ?? ''} 个人档案`.trim();
    case 'loan':
      return `贷款档案 ${fields['贷款合同号'] ?? ''} ${fields['姓名'] ?? ''}`.trim();
    case 'unit':
      return fields['单位名称'] ?? `单位档案 ${fields['统一社会信用代码'] ?? fields['单位账号'] ?? ''}`.trim();
  }
}

/**
 * Append a filed item to its dossier, found by any of its key values or created. Call inside
 * the filing transaction. Keys seen for the first time are added (an enterprise found by its
 * account gains its credit code); two dossiers matching one item is a conflict for a person to
 * resolve, never merged silently.
 */
export function appendToDossier(db: Db, actor: string, scheme: SchemeBody, business: BusinessType, item: { id: string; businessDate: string; fields: Fields }): string | null {
  if (business.dossier === 'none') return null;
  const kind = business.dossier;
  const keys = dossierKeys(scheme, kind, item.fields);
  if (keys.length === 0) throw new DeskError('bad_request', `缺少建档依据：${scheme.dossierKeys[kind].join(' 或 ')} / no dossier key: ${scheme.dossierKeys[kind].join(' or ')}`);
  const find = db.prepare('SELECT dossier_id FROM dossier_keys WHERE kind = ? AND field = ? AND value = ?').pluck();
  const found = new Set(keys.map((k) => find.get(kind, k.field, k.value) as string | undefined).filter((x): x is string => x !== undefined));
  if (found.size > 1) {
    throw new DeskError('conflict', `该件的建档依据指向多个档案（${[...found].join(', ')}），请人工核对 / the item's keys match several dossiers`, { dossiers: [...found] });
  }
  const at = nowIso();
  let dossierId = [...found][0];
  if (!dossierId) {
    dossierId = newId('K');
    db.prepare('INSERT INTO dossiers (id, kind, title, created_at) VALUES (?, ?, ?, ?)').run(dossierId, kind, titleFor(kind, item.fields), at);
    appendEvent(db, { actor, kind: 'dossier.created', subject: dossierId, data: { kind, keys: keys.map((k) => k.field) } });
  }
  const addKey = db.prepare('INSERT OR IGNORE INTO dossier_keys (kind, field, value, dossier_id) VALUES (?, ?, ?, ?)');
  for (const k of keys) addKey.run(kind, k.field, k.value, dossierId);
  const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM dossier_items WHERE dossier_id = ?').pluck().get(dossierId) as number);
  db.prepare('INSERT INTO dossier_items (dossier_id, seq, item_id, actor, added_at) VALUES (?, ?, ?, ?, ?)').run(dossierId, seq, item.id, actor, at);
  const event = eventOf(business);
  if (event === 'settlement') {
    db.prepare('UPDATE dossiers SET settled_on = ? WHERE id = ? AND settled_on IS NULL').run(item.businessDate, dossierId);
  }
  // The event (结清, 销户) is the filed item itself; the log names it, for the appraisal's record.
  appendEvent(db, { actor, kind: 'dossier.appended', subject: dossierId, data: { item: item.id, seq, ...(event ? { event, on: item.businessDate } : {}) } });
  return dossierId;
}

export function getDossier(db: Db, scheme: SchemeBody, id: string): Dossier {
  const row = db.prepare('SELECT * FROM dossiers WHERE id = ?').get(id) as
    | { id: string; kind: Kind; title: string; created_at: string; settled_on: string | null }
    | undefined;
  if (!row) throw new DeskError('not_found', `没有这个档案 / no dossier ${id}`);
  const keys = db.prepare('SELECT field, value FROM dossier_keys WHERE dossier_id = ? ORDER BY field, value').all(id) as Array<{ field: string; value: string }>;
  const items = db
    .prepare(
      `SELECT d.seq, d.item_id AS item, i.business, i.business_date AS businessDate, c.code AS archivalCode, d.added_at AS addedAt
       FROM dossier_items d JOIN items i ON i.id = d.item_id JOIN archival_codes c ON c.item_id = d.item_id
       WHERE d.dossier_id = ? ORDER BY d.seq`,
    )
    .all(id) as Dossier['items'];
  const retention = dossierRetention(scheme, items);
  const masked = maskFields(scheme, Object.fromEntries(keys.map((k) => [k.field, k.value])));
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    keys: keys.map((k) => ({ field: k.field, value: masked[k.field] ?? k.value })),
    createdAt: row.created_at,
    settledOn: row.settled_on,
    retentionUntil: retention?.until ?? null,
    items,
  };
}

/** The dossier holding a key value, if any (e.g. 证件号码 → the person's dossier). */
export function findDossierByKey(db: Db, field: string, value: string): string | undefined {
  return db.prepare('SELECT dossier_id FROM dossier_keys WHERE field = ? AND value = ? LIMIT 1').pluck().get(field, value.trim()) as string | undefined;
}
