import type { RetentionCode, SchemeBody } from '../../../shared/filing/scheme';
import type { SchemeEdit, SchemeEditProblemCode, FixedRule } from '../../../shared/filing/scheme-edit';
import type { Translate } from '../i18n/translate';

const PROBLEM_KEYS = {
  unknown_business: 'schemeAdmin.error.unknown_business',
  unknown_class: 'schemeAdmin.error.unknown_class',
  unknown_version: 'schemeAdmin.error.unknown_version',
  unknown_material: 'schemeAdmin.error.unknown_material',
  version_name: 'schemeAdmin.error.version_name',
  version_name_en: 'schemeAdmin.error.version_name_en',
  version_exists: 'schemeAdmin.error.version_exists',
  date_invalid: 'schemeAdmin.error.date_invalid',
  date_taken: 'schemeAdmin.error.date_taken',
  version_in_force: 'schemeAdmin.error.version_in_force',
  material_listed: 'schemeAdmin.error.material_listed',
  material_not_listed: 'schemeAdmin.error.material_not_listed',
  last_material: 'schemeAdmin.error.last_material',
  unknown_field: 'schemeAdmin.error.unknown_field',
  name_invalid: 'schemeAdmin.error.name_invalid',
} as const satisfies Record<SchemeEditProblemCode, string>;

export const problemText = (t: Translate, code: SchemeEditProblemCode, subject: string): string => t(PROBLEM_KEYS[code], { subject });

const RETENTION_KEYS = { Y: 'schemeAdmin.retention.Y', D30: 'schemeAdmin.retention.D30', D10: 'schemeAdmin.retention.D10' } as const satisfies Record<RetentionCode, string>;
export const retentionText = (t: Translate, code: RetentionCode): string => t(RETENTION_KEYS[code]);

export const ruleText = (t: Translate, rule: FixedRule): string => t(rule === 'required' ? 'schemeAdmin.rule.required' : 'schemeAdmin.rule.optional');

/** One pending edit in words, with names from the draft scheme. */
export function editText(t: Translate, edit: SchemeEdit, body: SchemeBody): string {
  const material = (code: string) => body.materialTypes.find((m) => m.code === code)?.name ?? code;
  const business = (code: string) => {
    const b = body.businessTypes.find((x) => x.code === code);
    return b ? `${b.code} ${b.name}` : code;
  };
  switch (edit.kind) {
    case 'add-checklist':
      return t('schemeAdmin.edit.addChecklist', { business: business(edit.business), version: edit.version, versionEn: edit.versionEn, from: edit.effectiveFrom });
    case 'rename-checklist':
      return t('schemeAdmin.edit.renameChecklist', { business: business(edit.business), version: edit.version, name: edit.name, nameEn: edit.nameEn });
    case 'add-material':
      return t('schemeAdmin.edit.addMaterial', { business: business(edit.business), version: edit.version, material: material(edit.material), rule: ruleText(t, edit.rule) });
    case 'set-rule':
      return t('schemeAdmin.edit.setRule', { business: business(edit.business), version: edit.version, material: material(edit.material), rule: ruleText(t, edit.rule) });
    case 'remove-material':
      return t('schemeAdmin.edit.removeMaterial', { business: business(edit.business), version: edit.version, material: material(edit.material) });
    case 'class-retention':
      return t('schemeAdmin.edit.classRetention', { class: edit.class, retention: retentionText(t, edit.retention) });
    case 'business-retention': {
      const b = body.businessTypes.find((x) => x.code === edit.business);
      const cls = body.classes.find((c) => c.code === b?.class);
      const retention = edit.retention ?? cls?.retention;
      return t('schemeAdmin.edit.businessRetention', {
        business: business(edit.business),
        retention: edit.retention === null ? t('schemeAdmin.retention.inherit', { code: retention ?? '' }) : retentionText(t, edit.retention),
      });
    }
    case 'rename':
      return t('schemeAdmin.edit.rename', { code: edit.code, name: edit.name, nameEn: edit.nameEn });
    case 'field-name-en':
      return t('schemeAdmin.edit.fieldNameEn', { key: edit.key, nameEn: edit.nameEn });
  }
}
