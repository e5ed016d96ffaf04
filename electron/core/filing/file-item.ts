import type { FileResult } from '../../../shared/contract/filing';
import { archivalPrefix, formatArchivalCode, parseArchivalCode } from '../../../shared/filing/archival-code';
import { validateFields, type FieldChecks } from '../../../shared/filing/metadata-rules';
import { retentionOf, type Scheme } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { getStation } from '../store/repo/station';
import { nowIso } from '../util/ids';
import { businessOrThrow, checkItem } from './check-item';
import { appendToDossier } from './dossiers';
import { itemDocuments, itemOrThrow, latestVersion } from './item-store';
import { refuseProblems } from './item-service';

export interface FileOptions {
  /** 容缺受理: file although required materials are missing, for this recorded reason. */
  readonly allowMissing?: string;
  /** A 档号 the item already bears (backfile catalogues); registered instead of a new one. */
  readonly adoptCode?: string;
}

/** The next 件号 of a lowest class. Runs inside the filing transaction: a rollback returns it. */
function nextNumber(db: Db, prefix: string): number {
  return db
    .prepare('INSERT INTO archival_counters (prefix, last) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last')
    .pluck()
    .get(prefix) as number;
}

function adopt(db: Db, code: string, expectedPrefix: string): { prefix: string; number: number } {
  const parts = parseArchivalCode(code);
  if (!parts) throw new DeskError('bad_request', `档号格式不对 / not a 档号: ${code}`);
  const prefix = archivalPrefix(parts);
  if (prefix !== expectedPrefix) {
    throw new DeskError('bad_request', `档号 ${code} 与该件的全宗、年度、期限或类别（${expectedPrefix}）不符 / does not match the item's class`);
  }
  // Codes given outside the station stay unique too; new numbers continue after the highest.
  db.prepare('INSERT INTO archival_counters (prefix, last) VALUES (?, ?) ON CONFLICT (prefix) DO UPDATE SET last = max(last, excluded.last)').run(prefix, parts.number);
  return { prefix, number: parts.number };
}

/**
 * File an item: check its metadata and completeness, give it its 档号 and append it to its
 * dossier, all in one IMMEDIATE transaction. The write lock is taken before the counter is read,
 * so filing from several processes on one store numbers each class and year without gaps or
 * duplicates: a number is used only by the transaction that commits it. Filing a filed item
 * again answers with the code it has.
 */
export function fileItem(db: Db, actor: string, scheme: Scheme, checks: FieldChecks, itemId: string, options: FileOptions = {}): FileResult {
  return db.transaction((): FileResult => {
    const item = itemOrThrow(db, itemId, null);
    if (item.filedAt && item.archivalCode) {
      return { item: item.id, archivalCode: item.archivalCode, dossier: item.dossierId, missing: [], already: true };
    }
    const current = latestVersion(db, itemId);
    if (!item.business || !item.businessDate || !current) throw new DeskError('conflict', `件 ${itemId} 没有业务类型或办理日期 / item has no business or date`);
    const business = businessOrThrow(scheme.body, item.business);
    const verdict = validateFields(scheme.body, current.fields, checks, { business, requireAll: true });
    if (verdict.problems.length > 0) refuseProblems(verdict.problems);
    if (itemDocuments(db, itemId).length === 0) throw new DeskError('conflict', '该件还没有任何页面 / the item has no pages');
    const check = checkItem(db, scheme.body, itemId);
    const reason = options.allowMissing?.trim() ?? '';
    if (!check.complete && reason === '') {
      const names = check.lines.filter((l) => check.missing.includes(l.material)).map((l) => l.name);
      throw new DeskError('conflict', `缺少要件：${names.join('、')}；如需容缺受理请说明原因 / required materials missing: ${check.missing.join(', ')}; give a reason to file anyway`, { missing: check.missing });
    }
    const retention = retentionOf(scheme.body, business);
    const parts = {
      fonds: getStation(db).fonds,
      category: scheme.body.categoryCode,
      year: Number(item.businessDate.slice(0, 4)),
      retention: retention.code,
      classCode: business.class,
    };
    const prefix = archivalPrefix(parts);
    const { number, origin } = options.adoptCode
      ? { ...adopt(db, options.adoptCode, prefix), origin: 'adopted' as const }
      : { number: nextNumber(db, prefix), origin: 'assigned' as const };
    const code = formatArchivalCode({ ...parts, number });
    const at = nowIso();
    try {
      db.prepare('INSERT INTO archival_codes (code, prefix, number, item_id, origin, at) VALUES (?, ?, ?, ?, ?, ?)').run(code, prefix, number, itemId, origin, at);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DeskError('conflict', `档号 ${code} 已被使用 / archival code ${code} is taken`);
      }
      throw err;
    }
    const dossier = appendToDossier(db, actor, scheme.body, business, { id: itemId, businessDate: item.businessDate, fields: current.fields });
    const missing = check.complete ? [] : check.missing;
    db.prepare("UPDATE items SET state = 'filed', filed_at = ?, dossier_id = ?, missing_reason = ? WHERE id = ?").run(at, dossier, missing.length ? reason : null, itemId);
    appendEvent(db, {
      actor,
      kind: 'item.filed',
      subject: itemId,
      data: { archivalCode: code, origin, dossier, checklist: check.version, missing, reason: missing.length ? reason : null, schemeVersion: scheme.version },
    });
    return { item: itemId, archivalCode: code, dossier, missing, already: false };
  }).immediate();
}
