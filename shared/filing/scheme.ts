import { z } from 'zod';
import { LAYOUT_CUES } from './layout-cues';

/**
 * The classification scheme (分类方案) as data: business classes and types, material types,
 * material checklists by effective date, metadata elements and retention. Shipped defaults live
 * in resources/scheme/*.json; an administrator's edits are stored as new versions. Everything
 * here is validated once when a scheme enters the station (file, API); code downstream trusts it.
 */

const Code = z.string().regex(/^[A-Z][A-Z0-9]{0,11}(-[A-Z0-9]{1,12})?$/, 'codes are upper-case letters/digits, e.g. TQ or TQ-GF');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
const Text = z.string().trim().min(1).max(200);

/** 保管期限: 永久, 定期30年, 定期10年 (DA/T 22). */
export const RetentionCode = z.enum(['Y', 'D30', 'D10']);
export type RetentionCode = z.infer<typeof RetentionCode>;

/** Years a retention code keeps a record; null = permanently. */
export const RETENTION_YEARS: Readonly<Record<RetentionCode, number | null>> = { Y: null, D30: 30, D10: 10 };

/**
 * When a dossier's retention period starts: at filing (the latest item's business date), at the
 * loan's settlement (贷款结清, 一贷一档) or at the account's closing (销户).
 */
export const RetentionStart = z.enum(['filing', 'settlement', 'closing']);
export type RetentionStart = z.infer<typeof RetentionStart>;

/** The dossier events a filed item can record, where `settlement` and `closing` retention start. */
export type DossierEvent = Exclude<RetentionStart, 'filing'>;

export const BusinessClass = z.object({
  code: Code,
  name: Text,
  nameEn: Text,
  retention: RetentionCode,
  retentionFrom: RetentionStart.default('filing'),
});
export type BusinessClass = z.infer<typeof BusinessClass>;

export const MaterialType = z.object({
  code: Code,
  name: Text,
  nameEn: Text,
  /** Phrases that identify the material in its text; title phrases weigh most. */
  titles: z.array(Text).default([]),
  keywords: z.array(Text).default([]),
  /** How the material looks on the page (a card, a grid form…): layout cues that count for it. */
  layout: z.array(z.enum(LAYOUT_CUES)).default([]),
});
export type MaterialType = z.infer<typeof MaterialType>;

/** A condition on an item's metadata, e.g. 婚姻状况 = 已婚. */
export type Condition =
  | { readonly op: 'eq'; readonly field: string; readonly value: string }
  | { readonly op: 'in'; readonly field: string; readonly values: readonly string[] }
  | { readonly op: 'present'; readonly field: string }
  | { readonly op: 'all'; readonly of: readonly Condition[] }
  | { readonly op: 'any'; readonly of: readonly Condition[] }
  | { readonly op: 'not'; readonly of: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('eq'), field: Text, value: z.string() }),
    z.object({ op: z.literal('in'), field: Text, values: z.array(z.string()).min(1) }),
    z.object({ op: z.literal('present'), field: Text }),
    z.object({ op: z.literal('all'), of: z.array(Condition).min(1) }),
    z.object({ op: z.literal('any'), of: z.array(Condition).min(1) }),
    z.object({ op: z.literal('not'), of: Condition }),
  ]),
);

export const ChecklistEntry = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('required'), material: Code }),
  z.object({ rule: z.literal('optional'), material: Code }),
  z.object({ rule: z.literal('conditional'), material: Code, when: Condition, note: z.string().default('') }),
]);
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

export const ChecklistVersion = z.object({
  version: z.string().trim().min(1).max(40),
  /** The version's name in the English UI; schemes saved before it existed show the Chinese name there. */
  versionEn: z.string().trim().min(1).max(40).optional(),
  effectiveFrom: IsoDate,
  /** The policy document this version implements (文号), for the record. */
  basis: z.string().default(''),
  materials: z.array(ChecklistEntry).min(1),
});
export type ChecklistVersion = z.infer<typeof ChecklistVersion>;

export const DossierKind = z.enum(['person', 'loan', 'unit', 'none']);
export type DossierKind = z.infer<typeof DossierKind>;

export const BusinessType = z.object({
  code: Code,
  class: Code,
  name: Text,
  nameEn: Text,
  /** 一人一档 / 一贷一档 / 一企一档, or filed without a dossier (会计, 文书). */
  dossier: DossierKind,
  /** Overrides the class's retention for this business. */
  retention: RetentionCode.optional(),
  /** Overrides when the class's retention starts, for dossiers this business opens. */
  retentionFrom: RetentionStart.optional(),
  /** Metadata elements the counter form shows, in order; `required` ones must be filled to file. */
  fields: z.array(Text).default([]),
  required: z.array(Text).default([]),
  /** Phrases that point to this business in a document's text (e.g. 提取原因 购买自住住房). */
  keywords: z.array(Text).default([]),
  /** Closes the dossier's active life: retention of `settlement` classes starts here (结清). */
  settles: z.boolean().default(false),
  /** Closes the account (销户): retention counted from `closing` starts here. */
  closes: z.boolean().default(false),
  checklists: z.array(ChecklistVersion).min(1),
});
export type BusinessType = z.infer<typeof BusinessType>;

export const FieldType = z.enum(['text', 'date', 'year', 'idNumber', 'creditCode', 'bankCard', 'mobile', 'amount', 'amountWords', 'choice']);
export type FieldType = z.infer<typeof FieldType>;

export const MetadataField = z.object({
  /** The element's name as in DA/T 46 / DOMAIN.md, also the key used on the command line. */
  key: Text,
  nameEn: Text,
  group: z.enum(['archival', 'business', 'digitization']),
  type: FieldType,
  /** Personal data: masked in lists, full view audited. */
  pii: z.boolean().default(false),
  /** Set by the station (档号, 件号, 页数, digitization facts), never keyed. */
  derived: z.boolean().default(false),
  choices: z.array(z.string()).optional(),
  /** The choices' English names, in the same order (the stored value stays the Chinese choice). */
  choicesEn: z.array(Text).optional(),
  maxLength: z.number().int().positive().default(200),
  /** For an `amountWords` field: the figures field it must agree with. */
  agreesWith: z.string().optional(),
  /** Other names the element goes by in old catalogues' column headers (身份证号 → 证件号码). */
  aliases: z.array(Text).default([]),
});
export type MetadataField = z.infer<typeof MetadataField>;

export const SchemeBody = z
  .object({
    id: Text,
    name: Text,
    /** 门类代码 of the fonds' business archives in 档号 (e.g. GJJ). */
    categoryCode: z.string().regex(/^[A-Z]{1,6}$/),
    classes: z.array(BusinessClass).min(1),
    businessTypes: z.array(BusinessType).min(1),
    materialTypes: z.array(MaterialType).min(1),
    fields: z.array(MetadataField).min(1),
    /** Which metadata elements find a dossier of each kind, in order of preference. */
    dossierKeys: z.object({ person: z.array(Text).min(1), loan: z.array(Text).min(1), unit: z.array(Text).min(1) }),
  })
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = (list: readonly { code?: string; key?: string }[], what: string, path: string) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        const k = x.code ?? x.key ?? '';
        if (seen.has(k)) issue([path, i], `duplicate ${what} ${k}`);
        seen.add(k);
      });
    };
    unique(s.classes, 'class', 'classes');
    unique(s.businessTypes, 'business type', 'businessTypes');
    unique(s.materialTypes, 'material type', 'materialTypes');
    unique(s.fields, 'field', 'fields');
    const classes = new Set(s.classes.map((c) => c.code));
    const materials = new Set(s.materialTypes.map((m) => m.code));
    const fields = new Set(s.fields.map((f) => f.key));
    for (const kind of ['person', 'loan', 'unit'] as const) {
      s.dossierKeys[kind].forEach((k, i) => fields.has(k) || issue(['dossierKeys', kind, i], `unknown field ${k}`));
    }
    s.fields.forEach((f, i) => {
      if (f.type === 'choice' && !f.choices?.length) issue(['fields', i], `choice field ${f.key} needs choices`);
      if (f.choicesEn && f.choicesEn.length !== (f.choices?.length ?? 0)) issue(['fields', i, 'choicesEn'], `${f.key}: one English name per choice`);
      if (f.agreesWith && !fields.has(f.agreesWith)) issue(['fields', i], `unknown field ${f.agreesWith}`);
    });
    s.businessTypes.forEach((b, i) => {
      if (!classes.has(b.class)) issue(['businessTypes', i, 'class'], `unknown class ${b.class}`);
      if (!b.code.startsWith(`${b.class}-`)) issue(['businessTypes', i, 'code'], `${b.code} must start with its class ${b.class}-`);
      if (b.settles && b.closes) issue(['businessTypes', i, 'closes'], `${b.code} cannot both settle a loan and close an account`);
      [...b.fields, ...b.required].forEach((k) => fields.has(k) || issue(['businessTypes', i], `unknown field ${k}`));
      b.required.forEach((k) => b.fields.includes(k) || issue(['businessTypes', i, 'required'], `${k} is required but not on the form`));
      if (b.dossier !== 'none') {
        const keys = s.dossierKeys[b.dossier];
        if (!keys.some((k) => b.required.includes(k))) {
          issue(['businessTypes', i, 'required'], `${b.code} files into a ${b.dossier} dossier: require one of ${keys.join(', ')}`);
        }
      }
      const dates = new Set<string>();
      b.checklists.forEach((v, j) => {
        if (dates.has(v.effectiveFrom)) issue(['businessTypes', i, 'checklists', j], `two versions effective ${v.effectiveFrom}`);
        dates.add(v.effectiveFrom);
        v.materials.forEach((m, k) => {
          const at = ['businessTypes', i, 'checklists', j, 'materials', k];
          if (!materials.has(m.material)) issue(at, `unknown material ${m.material}`);
          if (m.rule === 'conditional') for (const f of conditionFields(m.when)) if (!fields.has(f)) issue(at, `unknown field ${f}`);
        });
      });
    });
  });
export type SchemeBody = z.infer<typeof SchemeBody>;
export type SchemeInput = z.input<typeof SchemeBody>;

/** The metadata elements a condition reads. */
export function conditionFields(c: Condition): string[] {
  switch (c.op) {
    case 'eq':
    case 'in':
    case 'present':
      return [c.field];
    case 'all':
    case 'any':
      return c.of.flatMap(conditionFields);
    case 'not':
      return conditionFields(c.of);
  }
}

/** A stored version of the scheme as the station uses it. */
export interface Scheme {
  readonly version: number;
  readonly body: SchemeBody;
}

export const findBusiness = (s: SchemeBody, code: string): BusinessType | undefined => s.businessTypes.find((b) => b.code === code);
export const findClass = (s: SchemeBody, code: string): BusinessClass | undefined => s.classes.find((c) => c.code === code);
export const findMaterial = (s: SchemeBody, code: string): MaterialType | undefined => s.materialTypes.find((m) => m.code === code);
export const findField = (s: SchemeBody, key: string): MetadataField | undefined => s.fields.find((f) => f.key === key);

/** The retention of a business: its own, else its class's. */
export function retentionOf(s: SchemeBody, business: BusinessType): { code: RetentionCode; from: RetentionStart } {
  const cls = findClass(s, business.class);
  if (!cls) throw new Error(`scheme has no class ${business.class}`);
  return { code: business.retention ?? cls.retention, from: business.retentionFrom ?? cls.retentionFrom };
}

/** The dossier event filing this business records, if any. */
export function eventOf(business: BusinessType): DossierEvent | null {
  return business.settles ? 'settlement' : business.closes ? 'closing' : null;
}
