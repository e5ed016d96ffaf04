import { describe, expect, it } from 'vitest';
import type { SchemeEdit, SchemeEditProblemCode } from '../../shared/filing/scheme-edit';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { createTranslate } from '../../renderer/src/i18n/translate';
import { editText, problemText } from '../../renderer/src/scheme-admin/scheme-text';

const CODES: readonly SchemeEditProblemCode[] = [
  'unknown_business', 'unknown_class', 'unknown_version', 'unknown_material', 'version_name', 'version_name_en', 'version_exists',
  'date_invalid', 'date_taken', 'version_in_force', 'material_listed', 'material_not_listed', 'last_material',
];

describe('scheme admin words', () => {
  it('says every refused edit in both languages, naming what it is about', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const t = createTranslate(language);
      const texts = CODES.map((code) => problemText(t, code, 'X-9'));
      for (const text of texts) expect(text).toMatch(/X-9/);
      expect(new Set(texts).size).toBe(CODES.length);
    }
    expect(problemText(createTranslate('zh-CN'), 'date_invalid', '2025-02-30')).toBe('施行日期“2025-02-30”无效：请写成 YYYY-MM-DD 的真实日期');
  });

  it('describes pending edits with the names of businesses and materials', () => {
    const body = defaultSchemeBody();
    const zh = createTranslate('zh-CN');
    const en = createTranslate('en');
    const edits: SchemeEdit[] = [
      { kind: 'add-checklist', business: 'TQ-GF', version: '2025版', versionEn: '2025 edition', effectiveFrom: '2025-06-01', basis: '' },
      { kind: 'rename-checklist', business: 'TQ-GF', version: '2025版', name: '2025版', nameEn: '2025 rules' },
      { kind: 'add-material', business: 'TQ-GF', version: '2025版', material: 'HKB', rule: 'required' },
      { kind: 'set-rule', business: 'TQ-GF', version: '2025版', material: 'GFFP', rule: 'optional' },
      { kind: 'remove-material', business: 'TQ-GF', version: '2025版', material: 'YHK' },
      { kind: 'class-retention', class: 'WS', retention: 'D30' },
      { kind: 'business-retention', business: 'TQ-ZF', retention: null },
    ];
    expect(edits.map((e) => editText(zh, e, body))).toEqual([
      'TQ-GF 购买自住住房：新增清单 2025版（英文“2025 edition”），2025-06-01 起施行',
      'TQ-GF 购买自住住房：清单 2025版 名称改为“2025版”，英文名称“2025 rules”',
      'TQ-GF 购买自住住房 2025版：添加 户口簿（必备）',
      'TQ-GF 购买自住住房 2025版：购房发票 改为可选',
      'TQ-GF 购买自住住房 2025版：移除 银行卡',
      '门类 WS：保管期限改为 定期30年（D30）',
      'TQ-ZF 租房：保管期限改为 随门类（D30）',
    ]);
    expect(editText(en, edits[5]!, body)).toBe('Class WS: retention becomes 30 years (D30)');
  });
});
