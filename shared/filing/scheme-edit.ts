import { checklistOn } from './checklist';
import type { BusinessType, ChecklistEntry, ChecklistVersion, RetentionCode, SchemeBody } from './scheme';

/**
 * The administrator's edits to the classification scheme, as a list applied to the version in
 * force; saving the result stores the next scheme version (the core validates it whole again).
 * A checklist version already in force is never changed in place — items of its days are judged
 * by it — so materials can be edited only on a version added in the same draft or one that takes
 * effect after today; a policy change is a new version with its effective date.
 */
export type SchemeEdit =
  | { readonly kind: 'add-checklist'; readonly business: string; readonly version: string; readonly versionEn: string; readonly effectiveFrom: string; readonly basis: string }
  /**
   * A checklist version's names, Chinese and English. The English one may change on any version
   * (it only names it); the Chinese one only where the materials may, as it is the version's name
   * on record.
   */
  | { readonly kind: 'rename-checklist'; readonly business: string; readonly version: string; readonly name: string; readonly nameEn: string }
  | { readonly kind: 'add-material'; readonly business: string; readonly version: string; readonly material: string; readonly rule: FixedRule }
  | { readonly kind: 'set-rule'; readonly business: string; readonly version: string; readonly material: string; readonly rule: FixedRule }
  | { readonly kind: 'remove-material'; readonly business: string; readonly version: string; readonly material: string }
  | { readonly kind: 'class-retention'; readonly class: string; readonly retention: RetentionCode }
  /** null: the business type follows its class's retention again. */
  | { readonly kind: 'business-retention'; readonly business: string; readonly retention: RetentionCode | null }
  /** A class's, business type's or material type's names, Chinese and English (the English UI shows the latter). */
  | { readonly kind: 'rename'; readonly entry: 'class' | 'business' | 'material'; readonly code: string; readonly name: string; readonly nameEn: string }
  /** A metadata element's English name; its Chinese name is its key, which records and catalogues use. */
  | { readonly kind: 'field-name-en'; readonly key: string; readonly nameEn: string };

/** Rules an administrator sets here; conditional entries come with a condition (scheme import). */
export type FixedRule = 'required' | 'optional';

export type SchemeEditProblemCode =
  | 'unknown_business'
  | 'unknown_class'
  | 'unknown_version'
  | 'unknown_material'
  | 'version_name'
  | 'version_name_en'
  | 'version_exists'
  | 'date_invalid'
  | 'date_taken'
  | 'version_in_force'
  | 'material_listed'
  | 'material_not_listed'
  | 'last_material'
  | 'unknown_field'
  | 'name_invalid';

/** Why an edit cannot apply; `subject` names what it is about (a code, a date, a version). */
export interface SchemeEditProblem {
  readonly code: SchemeEditProblemCode;
  readonly subject: string;
}

export type SchemeEditResult = { readonly ok: true; readonly body: SchemeBody } | { readonly ok: false; readonly problem: SchemeEditProblem; readonly at: number };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

class Refused extends Error {
  constructor(readonly problem: SchemeEditProblem) {
    super(problem.code);
  }
}
const refuse = (code: SchemeEditProblemCode, subject: string): never => {
  throw new Refused({ code, subject });
};

/** Apply the edits in order to a scheme, stopping at the first that cannot apply (with its index). */
export function applySchemeEdits(base: SchemeBody, edits: readonly SchemeEdit[], today: string): SchemeEditResult {
  const added = new Set<string>();
  let body = base;
  for (const [at, edit] of edits.entries()) {
    try {
      body = applyOne(body, edit, today, added);
    } catch (err) {
      if (err instanceof Refused) return { ok: false, problem: err.problem, at };
      throw err;
    }
  }
  return { ok: true, body };
}

/** Whether a checklist version's materials may be edited in this draft. */
export function checklistEditable(version: ChecklistVersion, today: string, addedInDraft: boolean): boolean {
  return addedInDraft || version.effectiveFrom > today;
}

/** Checklist versions the edits add (business code + version name), to tell them apart on screen. */
export function addedChecklists(edits: readonly SchemeEdit[]): Set<string> {
  return new Set(edits.flatMap((e) => (e.kind === 'add-checklist' ? [checklistKey(e.business, e.version)] : [])));
}

export const checklistKey = (business: string, version: string): string => `${business}\u0000${version}`;

/** A name as the scheme takes it (SchemeBody's Text): trimmed, 1 to 200 characters. */
function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) refuse('name_invalid', trimmed);
  return trimmed;
}

/** A checklist version's name as the scheme takes it (ChecklistVersion): trimmed, 1 to 40 characters. */
function checkedVersionName(name: string, code: 'version_name' | 'version_name_en'): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 40) refuse(code, trimmed);
  return trimmed;
}

function rename<T extends { readonly code: string; readonly name: string; readonly nameEn: string }>(list: readonly T[], edit: { code: string; name: string; nameEn: string }, unknown: SchemeEditProblemCode): T[] {
  if (!list.some((x) => x.code === edit.code)) refuse(unknown, edit.code);
  const names = { name: checkedName(edit.name), nameEn: checkedName(edit.nameEn) };
  return list.map((x) => (x.code === edit.code ? { ...x, ...names } : x));
}

function applyOne(body: SchemeBody, edit: SchemeEdit, today: string, added: Set<string>): SchemeBody {
  switch (edit.kind) {
    case 'rename':
      switch (edit.entry) {
        case 'class':
          return { ...body, classes: rename(body.classes, edit, 'unknown_class') };
        case 'business':
          return { ...body, businessTypes: rename(body.businessTypes, edit, 'unknown_business') };
        case 'material':
          return { ...body, materialTypes: rename(body.materialTypes, edit, 'unknown_material') };
      }
      break;
    case 'field-name-en': {
      if (!body.fields.some((f) => f.key === edit.key)) refuse('unknown_field', edit.key);
      const nameEn = checkedName(edit.nameEn);
      return { ...body, fields: body.fields.map((f) => (f.key === edit.key ? { ...f, nameEn } : f)) };
    }
    case 'class-retention': {
      if (!body.classes.some((c) => c.code === edit.class)) refuse('unknown_class', edit.class);
      return { ...body, classes: body.classes.map((c) => (c.code === edit.class ? { ...c, retention: edit.retention } : c)) };
    }
    case 'business-retention':
      return withBusiness(body, edit.business, (b) => {
        const { retention: _dropped, ...rest } = b;
        return edit.retention === null ? rest : { ...rest, retention: edit.retention };
      });
    case 'add-checklist':
      return withBusiness(body, edit.business, (b) => {
        const name = checkedVersionName(edit.version, 'version_name');
        const versionEn = checkedVersionName(edit.versionEn, 'version_name_en');
        if (b.checklists.some((v) => v.version === name)) refuse('version_exists', name);
        if (!isIsoDay(edit.effectiveFrom)) refuse('date_invalid', edit.effectiveFrom);
        if (b.checklists.some((v) => v.effectiveFrom === edit.effectiveFrom)) refuse('date_taken', edit.effectiveFrom);
        // The new version starts as a copy of the one it replaces on that day (or the first one).
        const from = checklistOn(b, edit.effectiveFrom) ?? [...b.checklists].sort((x, y) => x.effectiveFrom.localeCompare(y.effectiveFrom))[0]!;
        added.add(checklistKey(b.code, name));
        const version: ChecklistVersion = { version: name, versionEn, effectiveFrom: edit.effectiveFrom, basis: edit.basis.trim(), materials: from.materials.map((m) => ({ ...m })) };
        return { ...b, checklists: [...b.checklists, version].sort((x, y) => x.effectiveFrom.localeCompare(y.effectiveFrom)) };
      });
    case 'rename-checklist':
      return withBusiness(body, edit.business, (b) => {
        const target = b.checklists.find((v) => v.version === edit.version);
        if (!target) return refuse('unknown_version', edit.version);
        const name = checkedVersionName(edit.name, 'version_name');
        const versionEn = checkedVersionName(edit.nameEn, 'version_name_en');
        const oldKey = checklistKey(b.code, target.version);
        if (name !== target.version) {
          if (!checklistEditable(target, today, added.has(oldKey))) refuse('version_in_force', target.version);
          if (b.checklists.some((v) => v.version === name)) refuse('version_exists', name);
          // Later edits in the draft name the version by its new name.
          if (added.delete(oldKey)) added.add(checklistKey(b.code, name));
        }
        return { ...b, checklists: b.checklists.map((v) => (v === target ? { ...v, version: name, versionEn } : v)) };
      });
    case 'add-material':
    case 'set-rule':
    case 'remove-material':
      if (!body.materialTypes.some((m) => m.code === edit.material)) refuse('unknown_material', edit.material);
      return withChecklist(body, edit.business, edit.version, today, added, (materials) => {
        const listed = materials.some((m) => m.material === edit.material);
        if (edit.kind === 'add-material') {
          if (listed) refuse('material_listed', edit.material);
          return [...materials, { rule: edit.rule, material: edit.material }];
        }
        if (!listed) refuse('material_not_listed', edit.material);
        if (edit.kind === 'remove-material') {
          if (materials.length === 1) refuse('last_material', edit.material);
          return materials.filter((m) => m.material !== edit.material);
        }
        return materials.map((m): ChecklistEntry => (m.material === edit.material ? { rule: edit.rule, material: m.material } : m));
      });
  }
}

function withBusiness(body: SchemeBody, code: string, change: (b: BusinessType) => BusinessType): SchemeBody {
  if (!body.businessTypes.some((b) => b.code === code)) refuse('unknown_business', code);
  return { ...body, businessTypes: body.businessTypes.map((b) => (b.code === code ? change(b) : b)) };
}

function withChecklist(
  body: SchemeBody,
  business: string,
  version: string,
  today: string,
  added: ReadonlySet<string>,
  change: (materials: readonly ChecklistEntry[]) => ChecklistEntry[],
): SchemeBody {
  return withBusiness(body, business, (b) => {
    const target = b.checklists.find((v) => v.version === version);
    if (!target) return refuse('unknown_version', version);
    if (!checklistEditable(target, today, added.has(checklistKey(business, version)))) refuse('version_in_force', version);
    return { ...b, checklists: b.checklists.map((v) => (v === target ? { ...v, materials: change(v.materials) } : v)) };
  });
}
