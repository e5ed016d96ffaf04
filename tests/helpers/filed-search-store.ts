import { fileItem } from '../../electron/core/filing/file-item';
import { createItem } from '../../electron/core/filing/item-service';
import { SchemeSource } from '../../electron/core/filing/scheme-source';
import { assignPages } from '../../electron/core/pages/page-ops';
import type { Db } from '../../electron/core/store/open-database';
import { ensureStation } from '../../electron/core/store/repo/station';
import { fieldChecks } from '../../shared/fields/field-checks';
import { idCheckCharacter } from '../../shared/fields/id-number';

/** Customers who come back: each person's items gather in one dossier. */
export const CUSTOMERS = [
  { 姓名: '王伟', 证件号码: withCheck('11010119850307123') },
  { 姓名: '沈建华', 证件号码: withCheck('31011519660427751') },
  { 姓名: '李娜', 证件号码: withCheck('44010619921115002') },
  { 姓名: '张伟', 证件号码: withCheck('51010419780601334') },
] as const;
export const BUSINESSES = ['TQ-HD', 'TQ-GF', 'GJ-ZY'] as const;
export const DATES = ['2019-03-02', '2021-07-15', '2023-01-09', '2024-11-30'] as const;

function withCheck(first17: string): string {
  return first17 + idCheckCharacter(first17);
}

/**
 * Turn some of a batch's scanned files into business: every other file's pages become an item
 * (business, date and customer rotating) through the filing core's own calls; four of five of
 * those items are filed (with missing materials, as 容缺受理 allows), so they reach their
 * customer's dossier, and the rest stay drafts. The other files stay loose pages.
 */
export function fileSomeOf(db: Db, actor: string, batchId: string): void {
  ensureStation(db, { name: 'test', fonds: 'J017' });
  const scheme = new SchemeSource(db).current();
  const files = db
    .prepare("SELECT d.id FROM documents d WHERE d.batch_id = ? AND d.item_id IS NULL ORDER BY d.created_at, d.id")
    .pluck()
    .all(batchId) as string[];
  files.forEach((documentId, n) => {
    if (n % 2 === 1) return;
    const k = n / 2;
    const business = BUSINESSES[k % BUSINESSES.length]!;
    const person = CUSTOMERS[k % CUSTOMERS.length]!;
    const fields = business.startsWith('TQ-') ? { ...person, 金额: String(1000 + k) } : { ...person };
    const { id } = createItem(db, actor, scheme, fieldChecks, { batchId, business, businessDate: DATES[Math.floor(k / 3) % DATES.length]!, fields });
    const pages = db.prepare('SELECT id FROM pages WHERE document_id = ? ORDER BY seq').pluck().all(documentId) as string[];
    // Part of the file is the ID card, the rest stays loose in its file.
    assignPages(db, actor, scheme.body, { itemId: id, pageIds: pages.slice(0, 5), material: 'SFZ' });
    if (k % 5 !== 4) fileItem(db, actor, scheme, fieldChecks, id, { allowMissing: '容缺受理，后补' });
  });
}
