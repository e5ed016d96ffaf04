import { describe, expect, it } from 'vitest';
import { checklistOn } from '../../shared/filing/checklist';
import { SchemeBody, findBusiness, findClass, retentionOf } from '../../shared/filing/scheme';
import { addedChecklists, applySchemeEdits, checklistEditable, checklistKey, isIsoDay, type SchemeEdit } from '../../shared/filing/scheme-edit';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';

const TODAY = '2026-12-01';
const base = defaultSchemeBody();
const newVersion: SchemeEdit = { kind: 'add-checklist', business: 'TQ-GF', version: '2025版', versionEn: '2025 edition', effectiveFrom: '2025-06-01', basis: '示例〔2025〕3号' };

const applied = (edits: readonly SchemeEdit[]) => {
  const result = applySchemeEdits(base, edits, TODAY);
  if (!result.ok) throw new Error(`${result.problem.code} ${result.problem.subject}`);
  return result.body;
};
const problem = (edits: readonly SchemeEdit[]) => {
  const result = applySchemeEdits(base, edits, TODAY);
  return result.ok ? null : { ...result.problem, at: result.at };
};

describe('scheme edits (admin screen)', () => {
  it('adds a checklist version copied from the one it replaces, edits its materials, and it is in force from its date', () => {
    const body = applied([
      newVersion,
      { kind: 'add-material', business: 'TQ-GF', version: '2025版', material: 'HKB', rule: 'required' },
      { kind: 'set-rule', business: 'TQ-GF', version: '2025版', material: 'GFFP', rule: 'required' },
      { kind: 'remove-material', business: 'TQ-GF', version: '2025版', material: 'YHK' },
    ]);
    // The result is a valid scheme as the core will check it on saving.
    expect(SchemeBody.safeParse(body).success).toBe(true);
    const business = findBusiness(body, 'TQ-GF')!;
    expect(business.checklists.map((v) => v.version)).toEqual(['2019版', '2024版', '2025版']);
    const v2025 = checklistOn(business, '2025-07-01')!;
    expect(v2025).toMatchObject({ version: '2025版', versionEn: '2025 edition', effectiveFrom: '2025-06-01', basis: '示例〔2025〕3号' });
    expect(v2025.materials.map((m) => `${m.material}:${m.rule}`)).toEqual(['TQSQB:required', 'SFZ:required', 'GFHT:required', 'GFFP:required', 'JHZ:conditional', 'HKB:required']);
    expect(checklistOn(business, '2025-05-31')!.version).toBe('2024版');
    // The version in force before is untouched, and so is the base scheme.
    expect(findBusiness(base, 'TQ-GF')!.checklists).toHaveLength(2);
    expect(checklistOn(business, '2025-05-31')!.materials.map((m) => m.material)).toContain('YHK');
  });

  it('changes retention of a class and of one business, and lets a business follow its class again', () => {
    const body = applied([
      { kind: 'class-retention', class: 'WS', retention: 'D30' },
      { kind: 'business-retention', business: 'TQ-ZF', retention: 'Y' },
    ]);
    expect(findClass(body, 'WS')!.retention).toBe('D30');
    expect(retentionOf(body, findBusiness(body, 'TQ-ZF')!).code).toBe('Y');
    const back = applySchemeEdits(body, [{ kind: 'business-retention', business: 'TQ-ZF', retention: null }], TODAY);
    expect(back.ok && retentionOf(back.body, findBusiness(back.body, 'TQ-ZF')!).code).toBe('D30');
    expect(back.ok && 'retention' in findBusiness(back.body, 'TQ-ZF')!).toBe(false);
  });

  it('refuses edits that cannot apply, saying which and why', () => {
    const on2025 = { business: 'TQ-GF', version: '2025版' };
    expect(problem([{ ...newVersion, business: 'TQ-XX' }])).toEqual({ code: 'unknown_business', subject: 'TQ-XX', at: 0 });
    expect(problem([{ ...newVersion, version: '2024版' }])).toMatchObject({ code: 'version_exists', subject: '2024版' });
    expect(problem([{ ...newVersion, version: '  ' }])).toMatchObject({ code: 'version_name' });
    expect(problem([{ ...newVersion, versionEn: ' ' }])).toMatchObject({ code: 'version_name_en' });
    expect(problem([{ ...newVersion, effectiveFrom: '2025-02-30' }])).toMatchObject({ code: 'date_invalid', subject: '2025-02-30' });
    expect(problem([{ ...newVersion, effectiveFrom: '2025/06/01' }])).toMatchObject({ code: 'date_invalid' });
    expect(problem([{ ...newVersion, effectiveFrom: '2024-07-01' }])).toMatchObject({ code: 'date_taken', subject: '2024-07-01' });
    // Versions in force are not edited in place: items of their days are checked against them.
    expect(problem([{ kind: 'add-material', business: 'TQ-GF', version: '2024版', material: 'HKB', rule: 'required' }])).toMatchObject({ code: 'version_in_force', subject: '2024版' });
    expect(problem([newVersion, { kind: 'add-material', ...on2025, material: 'SFZ', rule: 'optional' }])).toEqual({ code: 'material_listed', subject: 'SFZ', at: 1 });
    expect(problem([newVersion, { kind: 'add-material', ...on2025, material: 'NOPE', rule: 'optional' }])).toMatchObject({ code: 'unknown_material', subject: 'NOPE' });
    expect(problem([newVersion, { kind: 'set-rule', ...on2025, material: 'HKB', rule: 'optional' }])).toMatchObject({ code: 'material_not_listed', subject: 'HKB' });
    expect(problem([newVersion, { kind: 'remove-material', business: 'TQ-GF', version: '2030版', material: 'SFZ' }])).toMatchObject({ code: 'unknown_version', subject: '2030版' });
    expect(problem([{ kind: 'class-retention', class: 'ZZ', retention: 'Y' }])).toMatchObject({ code: 'unknown_class', subject: 'ZZ' });
    const oneMaterial = { kind: 'add-checklist', business: 'GJ-HJ', version: '2026版', versionEn: '2026 edition', effectiveFrom: '2026-01-01', basis: '' } as const;
    expect(problem([oneMaterial, { kind: 'remove-material', business: 'GJ-HJ', version: '2026版', material: findBusiness(base, 'GJ-HJ')!.checklists[0]!.materials[0]!.material }])).toMatchObject({ code: 'last_material' });
  });

  it('knows which versions a draft may edit: its own new ones and those not yet in force', () => {
    const future = { version: 'x', effectiveFrom: '2027-01-01', basis: '', materials: [] };
    expect(checklistEditable(future, TODAY, false)).toBe(true);
    expect(checklistEditable({ ...future, effectiveFrom: TODAY }, TODAY, false)).toBe(false);
    expect(checklistEditable({ ...future, effectiveFrom: '2020-01-01' }, TODAY, true)).toBe(true);
    expect(addedChecklists([newVersion, { kind: 'class-retention', class: 'WS', retention: 'Y' }])).toEqual(new Set([checklistKey('TQ-GF', '2025版')]));
    expect([isIsoDay('2024-02-29'), isIsoDay('2023-02-29'), isIsoDay('2024-13-01'), isIsoDay('20240101')]).toEqual([true, false, false, false]);
  });

  it('renames a class, a business type and a material in both languages, and a metadata element in English; an empty name is refused', () => {
    const body = applied([
      { kind: 'rename', entry: 'class', code: 'TQ', name: '提取业务', nameEn: 'Withdrawal business' },
      { kind: 'rename', entry: 'business', code: 'TQ-GF', name: '购房提取', nameEn: 'Withdrawal to buy a home' },
      { kind: 'rename', entry: 'material', code: 'SFZ', name: '居民身份证', nameEn: ' Resident ID card ' },
      { kind: 'field-name-en', key: '婚姻状况', nameEn: 'Marital state' },
    ]);
    expect(findClass(body, 'TQ')).toMatchObject({ name: '提取业务', nameEn: 'Withdrawal business' });
    expect(findBusiness(body, 'TQ-GF')).toMatchObject({ name: '购房提取', nameEn: 'Withdrawal to buy a home' });
    expect(body.materialTypes.find((m) => m.code === 'SFZ')).toMatchObject({ name: '居民身份证', nameEn: 'Resident ID card' });
    expect(body.fields.find((f) => f.key === '婚姻状况')?.nameEn).toBe('Marital state');
    // The renamed scheme is still one the station accepts.
    expect(SchemeBody.safeParse(body).success).toBe(true);
    expect(problem([{ kind: 'rename', entry: 'material', code: 'SFZ', name: '身份证', nameEn: '  ' }])).toEqual({ code: 'name_invalid', subject: '', at: 0 });
    expect(problem([{ kind: 'rename', entry: 'business', code: 'NO-SUCH', name: 'x', nameEn: 'x' }])).toMatchObject({ code: 'unknown_business' });
    expect(problem([{ kind: 'field-name-en', key: '没有这项', nameEn: 'x' }])).toMatchObject({ code: 'unknown_field' });
  });

  it('names a checklist version in both languages: the English name on any version, the Chinese one only where its materials may change', () => {
    const renamedInForce = applied([{ kind: 'rename-checklist', business: 'TQ-GF', version: '2024版', name: '2024版', nameEn: ' 2024 rules ' }]);
    expect(findBusiness(renamedInForce, 'TQ-GF')!.checklists.find((v) => v.version === '2024版')).toMatchObject({ versionEn: '2024 rules' });
    expect(SchemeBody.safeParse(renamedInForce).success).toBe(true);
    // A version in force is on record by its Chinese name.
    expect(problem([{ kind: 'rename-checklist', business: 'TQ-GF', version: '2024版', name: '2024年版', nameEn: '2024 edition' }])).toMatchObject({ code: 'version_in_force', subject: '2024版' });
    // A version of this draft may be renamed, and later edits name it by its new name.
    const body = applied([
      newVersion,
      { kind: 'rename-checklist', business: 'TQ-GF', version: '2025版', name: '2025年版', nameEn: '2025 rules' },
      { kind: 'add-material', business: 'TQ-GF', version: '2025年版', material: 'HKB', rule: 'required' },
    ]);
    expect(checklistOn(findBusiness(body, 'TQ-GF')!, '2025-07-01')).toMatchObject({ version: '2025年版', versionEn: '2025 rules' });
    expect(problem([newVersion, { kind: 'rename-checklist', business: 'TQ-GF', version: '2025版', name: '2024版', nameEn: 'x' }])).toMatchObject({ code: 'version_exists', subject: '2024版' });
    expect(problem([newVersion, { kind: 'rename-checklist', business: 'TQ-GF', version: '2025版', name: '2025版', nameEn: '' }])).toMatchObject({ code: 'version_name_en' });
    expect(problem([{ kind: 'rename-checklist', business: 'TQ-GF', version: '2030版', name: 'x', nameEn: 'x' }])).toMatchObject({ code: 'unknown_version', subject: '2030版' });
  });

  it('ships every checklist version with an English name', () => {
    for (const b of base.businessTypes) for (const v of b.checklists) expect(v.versionEn, `${b.code} ${v.version}`).toMatch(/^\d{4} edition$/);
  });
});
