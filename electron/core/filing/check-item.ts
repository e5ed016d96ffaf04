import type { ChecklistCheck } from '../../../shared/contract/filing';
import { checklistOn, completeness, describeCondition, englishConditionWords } from '../../../shared/filing/checklist';
import { findBusiness, findMaterial, type BusinessType, type SchemeBody } from '../../../shared/filing/scheme';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { itemDocuments, itemOrThrow, latestVersion, pagesByMaterial } from './item-store';

export function businessOrThrow(scheme: SchemeBody, code: string): BusinessType {
  const business = findBusiness(scheme, code);
  if (!business) {
    throw new DeskError('bad_request', `没有这个业务类型 / no business type ${code}; 可用 available: ${scheme.businessTypes.map((b) => b.code).join(', ')}`);
  }
  return business;
}

export function checklistOrThrow(business: BusinessType, businessDate: string) {
  const version = checklistOn(business, businessDate);
  if (!version) {
    const first = business.checklists.map((c) => c.effectiveFrom).sort()[0];
    throw new DeskError('bad_request', `${businessDate} 时“${business.name}”尚无要件清单（最早 ${first} 起）/ no checklist for ${business.code} on ${businessDate} (first from ${first})`);
  }
  return version;
}

/** Completeness of an item against the checklist in force on its business date. */
export function checkItem(db: Db, scheme: SchemeBody, itemId: string): ChecklistCheck {
  const item = itemOrThrow(db, itemId, null);
  const current = latestVersion(db, itemId);
  if (!item.business || !item.businessDate || !current) {
    throw new DeskError('conflict', `件 ${itemId} 没有业务类型或办理日期 / item has no business or date`);
  }
  const business = businessOrThrow(scheme, item.business);
  const version = checklistOrThrow(business, item.businessDate);
  const result = completeness(version, current.fields, pagesByMaterial(itemDocuments(db, itemId)));
  const entries = new Map(version.materials.map((m) => [m.material, m]));
  const english = englishConditionWords(scheme);
  return {
    item: itemId,
    business: business.code,
    checklist: business.code,
    checklistName: `${scheme.classes.find((c) => c.code === business.class)?.name ?? business.class} · ${business.name}`,
    checklistNameEn: `${scheme.classes.find((c) => c.code === business.class)?.nameEn ?? business.class} · ${business.nameEn}`,
    version: result.version,
    versionEn: version.versionEn ?? version.version,
    effectiveFrom: result.effectiveFrom,
    businessDate: item.businessDate,
    lines: result.lines.map((l) => {
      const material = findMaterial(scheme, l.material);
      const entry = entries.get(l.material);
      return {
        ...l,
        name: material?.name ?? l.material,
        nameEn: material?.nameEn ?? l.material,
        condition: entry?.rule === 'conditional' ? describeCondition(entry.when) : null,
        conditionEn: entry?.rule === 'conditional' ? describeCondition(entry.when, english) : null,
      };
    }),
    missing: [...result.missing],
    complete: result.complete,
  };
}
