import type { PendingItem } from '../../../shared/contract/filing';
import type { SchemeBody } from '../../../shared/filing/scheme';
import type { Db } from '../store/open-database';
import { checkItem } from './check-item';

interface FiledRow {
  readonly id: string;
  readonly batch_id: string;
  readonly business: string;
  readonly business_date: string;
  readonly filed_at: string;
  readonly missing_reason: string;
  readonly code: string;
}

/**
 * 容缺受理 still open: items filed with materials missing, each with what it lacks today (checked
 * again, so a supplement that brought the material takes the item off the list), oldest first.
 * No personal data: the clerk finds the customer by the 档号.
 */
export function pendingItems(db: Db, scheme: SchemeBody): PendingItem[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.batch_id, i.business, i.business_date, i.filed_at, i.missing_reason, c.code
       FROM items i JOIN archival_codes c ON c.item_id = i.id
       WHERE i.state = 'filed' AND i.missing_reason IS NOT NULL
       ORDER BY i.filed_at, i.id`,
    )
    .all() as FiledRow[];
  return rows.flatMap((row) => {
    const check = checkItem(db, scheme, row.id);
    if (check.complete) return [];
    const missing = check.lines.filter((l) => check.missing.includes(l.material)).map((l) => ({ material: l.material, name: l.name, nameEn: l.nameEn }));
    return [{ item: row.id, batchId: row.batch_id, archivalCode: row.code, business: row.business, businessName: check.checklistName, businessNameEn: check.checklistNameEn, businessDate: row.business_date, filedAt: row.filed_at, reason: row.missing_reason, missing }];
  });
}
