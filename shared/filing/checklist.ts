import type { BusinessType, ChecklistEntry, ChecklistVersion, Condition } from './scheme';

export type Fields = Readonly<Record<string, string>>;

/**
 * The checklist version in force on a business date: the latest whose effective date is on or
 * before it. Policies change during a loan's life, so an item is judged by the rules of its own
 * day, not today's. Undefined when the date is before the first version.
 */
export function checklistOn(business: BusinessType, businessDate: string): ChecklistVersion | undefined {
  let found: ChecklistVersion | undefined;
  for (const v of business.checklists) {
    if (v.effectiveFrom <= businessDate && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  }
  return found;
}

export function evaluate(c: Condition, fields: Fields): boolean {
  switch (c.op) {
    case 'eq':
      return (fields[c.field] ?? '').trim() === c.value;
    case 'in':
      return c.values.includes((fields[c.field] ?? '').trim());
    case 'present':
      return (fields[c.field] ?? '').trim() !== '';
    case 'all':
      return c.of.every((x) => evaluate(x, fields));
    case 'any':
      return c.of.some((x) => evaluate(x, fields));
    case 'not':
      return !evaluate(c.of, fields);
  }
}

/** How one checklist line applies to an item: needed or not, present or not. */
export interface ChecklistLine {
  readonly material: string;
  readonly rule: ChecklistEntry['rule'];
  /** Required, or conditional with its condition holding for this item. */
  readonly needed: boolean;
  readonly present: boolean;
  /** Pages of the item filed under this material. */
  readonly pages: number;
  readonly note: string;
}

export interface Completeness {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly lines: readonly ChecklistLine[];
  readonly missing: readonly string[];
  readonly complete: boolean;
}

/**
 * Completeness of an item against a checklist version: every required material present, and
 * every conditional one whose condition holds on the item's metadata. `pagesByMaterial` counts
 * the item's pages per material code (a material with no pages is not present).
 */
export function completeness(version: ChecklistVersion, fields: Fields, pagesByMaterial: ReadonlyMap<string, number>): Completeness {
  const lines = version.materials.map((entry): ChecklistLine => {
    const pages = pagesByMaterial.get(entry.material) ?? 0;
    const needed = entry.rule === 'required' || (entry.rule === 'conditional' && evaluate(entry.when, fields));
    return { material: entry.material, rule: entry.rule, needed, present: pages > 0, pages, note: entry.rule === 'conditional' ? entry.note : '' };
  });
  const missing = lines.filter((l) => l.needed && !l.present).map((l) => l.material);
  return { version: version.version, effectiveFrom: version.effectiveFrom, lines, missing, complete: missing.length === 0 };
}

/** A condition in words, for the checklist beside the counter (e.g. 婚姻状况 = 已婚). */
export function describeCondition(c: Condition): string {
  switch (c.op) {
    case 'eq':
      return `${c.field} = ${c.value}`;
    case 'in':
      return `${c.field} ∈ {${c.values.join('、')}}`;
    case 'present':
      return `${c.field} 已填`;
    case 'all':
      return c.of.map(describeCondition).join(' 且 ');
    case 'any':
      return c.of.map(describeCondition).join(' 或 ');
    case 'not':
      return `非（${describeCondition(c.of)}）`;
  }
}
