import type { BusinessType, ChecklistEntry, ChecklistVersion, Condition, SchemeBody } from './scheme';

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

/** The words a condition is said with: Chinese as the scheme writes it, or English from its English names. */
export interface ConditionWords {
  readonly field: (key: string) => string;
  readonly value: (key: string, value: string) => string;
  readonly list: string;
  readonly present: string;
  readonly and: string;
  readonly or: string;
  readonly not: (inner: string) => string;
}

const CHINESE: ConditionWords = { field: (k) => k, value: (_k, v) => v, list: '、', present: '已填', and: ' 且 ', or: ' 或 ', not: (inner) => `非（${inner}）` };

/** English words for a scheme's conditions: its fields' and choices' English names. */
export function englishConditionWords(scheme: Pick<SchemeBody, 'fields'>): ConditionWords {
  const field = (key: string) => scheme.fields.find((f) => f.key === key);
  return {
    field: (key) => field(key)?.nameEn ?? key,
    value: (key, value) => {
      const f = field(key);
      const i = f?.choices?.indexOf(value) ?? -1;
      return (i >= 0 ? f?.choicesEn?.[i] : undefined) ?? value;
    },
    list: ', ',
    present: 'filled in',
    and: ' and ',
    or: ' or ',
    not: (inner) => `not (${inner})`,
  };
}

/** A condition in words, for the checklist beside the counter (e.g. 婚姻状况 = 已婚, or Marital status = Married). */
export function describeCondition(c: Condition, words: ConditionWords = CHINESE): string {
  const say = (inner: Condition) => describeCondition(inner, words);
  switch (c.op) {
    case 'eq':
      return `${words.field(c.field)} = ${words.value(c.field, c.value)}`;
    case 'in':
      return `${words.field(c.field)} ∈ {${c.values.map((v) => words.value(c.field, v)).join(words.list)}}`;
    case 'present':
      return `${words.field(c.field)} ${words.present}`;
    case 'all':
      return c.of.map(say).join(words.and);
    case 'any':
      return c.of.map(say).join(words.or);
    case 'not':
      return words.not(say(c.of));
  }
}
