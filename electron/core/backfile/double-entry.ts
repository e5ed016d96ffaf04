import { fieldChecks } from '../../../shared/fields/field-checks';
import type { Fields } from '../../../shared/filing/checklist';
import { validateFields } from '../../../shared/filing/metadata-rules';
import { compareKeyings, type KeyingDifference } from '../../../shared/filing/review';
import type { Scheme } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { nowIso } from '../util/ids';
import { itemOrThrow } from '../filing/item-store';
import { correctItem, refuseProblems } from '../filing/item-service';

type Pass = 1 | 2;

interface KeyingRow { pass: Pass; fields: string; actor: string; at: string }

const keyings = (db: Db, itemId: string): KeyingRow[] => db.prepare('SELECT pass, fields, actor, at FROM keyings WHERE item_id = ? ORDER BY pass').all(itemId) as KeyingRow[];

/**
 * One of the two blind keyings of an item (双录). The two passes must be different people; a
 * keyer may redo their own pass until the item is resolved. Values are checked like any keyed
 * metadata, so a typo that breaks a check digit is caught at once, not at comparison.
 */
export function submitKeying(db: Db, actor: string, scheme: Scheme, input: { itemId: string; pass: Pass; fields: Fields }): { item: string; pass: Pass; waitingFor: Pass | null } {
  itemOrThrow(db, input.itemId, null);
  const verdict = validateFields(scheme.body, input.fields, fieldChecks);
  if (verdict.problems.length > 0) refuseProblems(verdict.problems);
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM keying_resolutions WHERE item_id = ?').get(input.itemId)) throw new DeskError('conflict', '该件的双录已核对完毕 / double entry of this item is resolved');
    const existing = keyings(db, input.itemId);
    const other = existing.find((k) => k.pass !== input.pass);
    if (other && other.actor === actor) throw new DeskError('conflict', '两遍录入须由不同的人完成 / the two passes must be keyed by different people');
    const mine = existing.find((k) => k.pass === input.pass);
    if (mine && mine.actor !== actor) throw new DeskError('conflict', `第 ${input.pass} 遍已由 ${mine.actor} 录入 / pass ${input.pass} was keyed by ${mine.actor}`);
    db.prepare('INSERT OR REPLACE INTO keyings (item_id, pass, fields, actor, at) VALUES (?, ?, ?, ?, ?)').run(input.itemId, input.pass, JSON.stringify(verdict.values), actor, nowIso());
    appendEvent(db, { actor, kind: 'keying.submitted', subject: input.itemId, data: { pass: input.pass } });
    return { item: input.itemId, pass: input.pass, waitingFor: other ? null : ((3 - input.pass) as Pass) };
  })();
}

export type KeyingComparison =
  | { readonly state: 'waiting'; readonly keyed: Pass[] }
  | { readonly state: 'ready' | 'resolved'; readonly keyers: [string, string]; readonly agreed: Record<string, string>; readonly differences: KeyingDifference[] };

/** The comparison, shown only once both passes are in (keying stays blind until then). */
export function compareItemKeyings(db: Db, itemId: string): KeyingComparison {
  itemOrThrow(db, itemId, null);
  const rows = keyings(db, itemId);
  if (rows.length < 2) return { state: 'waiting', keyed: rows.map((r) => r.pass) };
  const [a, b] = rows as [KeyingRow, KeyingRow];
  const resolved = db.prepare('SELECT 1 FROM keying_resolutions WHERE item_id = ?').get(itemId) !== undefined;
  return { state: resolved ? 'resolved' : 'ready', keyers: [a.actor, b.actor], ...compareKeyings(JSON.parse(a.fields) as Fields, JSON.parse(b.fields) as Fields) };
}

/**
 * Resolve the differences (a third person, or either keyer, picks each value): agreed values and
 * the choices become the item's next metadata version, reason 双录核对.
 */
export function resolveKeyings(db: Db, actor: string, scheme: Scheme, itemId: string, choices: Fields): { item: string; version: number } {
  return db.transaction(() => {
    const comparison = compareItemKeyings(db, itemId);
    if (comparison.state !== 'ready') throw new DeskError('conflict', comparison.state === 'waiting' ? '两遍录入尚未完成 / both passes are not in yet' : '已核对 / already resolved');
    const open = comparison.differences.filter((d) => choices[d.field] === undefined);
    if (open.length > 0) throw new DeskError('bad_request', `请为这些著录项选定值 / choose values for: ${open.map((d) => d.field).join(', ')}`, { differences: open });
    const chosen = Object.fromEntries(comparison.differences.map((d) => [d.field, choices[d.field]!]));
    const version = correctItem(db, actor, scheme, fieldChecks, { id: itemId, fields: { ...comparison.agreed, ...chosen }, reason: '双录核对 / double-entry resolution' });
    db.prepare('INSERT INTO keying_resolutions (item_id, version, actor, at) VALUES (?, ?, ?, ?)').run(itemId, version, actor, nowIso());
    appendEvent(db, { actor, kind: 'keying.resolved', subject: itemId, data: { version, differences: comparison.differences.map((d) => d.field) } });
    return { item: itemId, version };
  })();
}
