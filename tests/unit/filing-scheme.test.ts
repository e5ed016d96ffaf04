import { describe, expect, it } from 'vitest';
import { formatArchivalCode, parseArchivalCode, retentionUntil } from '../../shared/filing/archival-code';
import { maskValue } from '../../shared/filing/mask-pii';
import { SchemeBody, retentionOf, findBusiness } from '../../shared/filing/scheme';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';

describe('classification scheme as data', () => {
  it('ships a valid default with the five classes, loan retention from settlement and one dossier key per kind', () => {
    const s = defaultSchemeBody();
    expect(s.classes.map((c) => c.code)).toEqual(['GJ', 'TQ', 'DK', 'KJ', 'WS']);
    expect(retentionOf(s, findBusiness(s, 'DK-JQ')!)).toEqual({ code: 'D30', from: 'settlement' });
    expect(retentionOf(s, findBusiness(s, 'KJ-BB')!).code).toBe('Y');
    expect(s.dossierKeys.person).toEqual(['证件号码']);
  });

  it('refuses a scheme whose references do not resolve, naming each problem', () => {
    const s = structuredClone(defaultSchemeBody()) as Record<string, unknown> & ReturnType<typeof defaultSchemeBody>;
    s.businessTypes[0]!.checklists[0]!.materials.push({ rule: 'required', material: 'NOPE' });
    s.businessTypes[1]!.class = 'XX';
    s.materialTypes.push({ ...s.materialTypes[0]! });
    const purchase = s.businessTypes.find((b) => b.code === 'TQ-GF')!;
    purchase.checklists[0]!.materials.push({ rule: 'conditional', material: 'JHZ', when: { op: 'eq', field: '星座', value: '白羊' }, note: '' });
    const result = SchemeBody.safeParse(s);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/unknown material NOPE/);
    expect(messages).toMatch(/unknown class XX/);
    expect(messages).toMatch(/duplicate material type/);
    expect(messages).toMatch(/unknown field 星座/);
  });
});

describe('档号', () => {
  it('formats and parses the item code with a 4-digit 件号', () => {
    const parts = { fonds: 'J017', category: 'GJJ', year: 2025, retention: 'D30', classCode: 'TQ', number: 42 } as const;
    expect(formatArchivalCode(parts)).toBe('J017-GJJ·2025-D30-TQ-0042');
    expect(parseArchivalCode('J017-GJJ·2025-D30-TQ-0042')).toEqual(parts);
    expect(formatArchivalCode({ ...parts, number: 12345 })).toBe('J017-GJJ·2025-D30-TQ-12345');
    expect(parseArchivalCode('J017-GJJ-2025-D30-TQ-0042')).toBeNull();
    expect(() => formatArchivalCode({ ...parts, number: 0 })).toThrow(RangeError);
  });

  it('counts retention from its start; permanent and not-yet-started have no end', () => {
    expect(retentionUntil('D30', '2025-03-01')).toBe('2055-03-01');
    expect(retentionUntil('Y', '2025-03-01')).toBeNull();
    expect(retentionUntil('D30', null)).toBeNull();
  });
});

describe('PII masking in lists', () => {
  it('keeps head and tail', () => {
    expect(maskValue('370102199003074578', 'idNumber')).toBe('3701**********4578');
    expect(maskValue('13812345678', 'mobile')).toBe('138****5678');
    expect(maskValue('6222020670118901354', 'bankCard')).toBe('6222***********1354');
  });
});
