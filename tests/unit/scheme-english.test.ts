import { describe, expect, it } from 'vitest';
import { describeCondition, englishConditionWords } from '../../shared/filing/checklist';
import { SchemeBody } from '../../shared/filing/scheme';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';

const scheme = defaultSchemeBody();
const HAN = /[\u4e00-\u9fff]/;

/** An English name: there, and no Chinese left in it. */
function expectEnglish(what: string, name: string | undefined): void {
  expect(name?.trim(), `${what} has an English name`).toBeTruthy();
  expect(name, `${what}'s English name is English`).not.toMatch(HAN);
}

describe('the shipped scheme speaks English too (issue 16, item 11)', () => {
  it('names every class, business type, material type and metadata element in English', () => {
    for (const c of scheme.classes) expectEnglish(`class ${c.code}`, c.nameEn);
    for (const b of scheme.businessTypes) expectEnglish(`business ${b.code}`, b.nameEn);
    for (const m of scheme.materialTypes) expectEnglish(`material ${m.code}`, m.nameEn);
    for (const f of scheme.fields) expectEnglish(`field ${f.key}`, f.nameEn);
  });

  it('names every choice of a choice element in English, one for one', () => {
    for (const f of scheme.fields.filter((x) => x.type === 'choice')) {
      expect(f.choicesEn, `${f.key} has English choices`).toHaveLength(f.choices!.length);
      f.choicesEn!.forEach((c, i) => expectEnglish(`${f.key} = ${f.choices![i]}`, c));
    }
  });

  it('says every checklist condition in English from those names', () => {
    const english = englishConditionWords(scheme);
    const conditions = scheme.businessTypes.flatMap((b) => b.checklists.flatMap((v) => v.materials.flatMap((m) => (m.rule === 'conditional' ? [m.when] : []))));
    expect(conditions.length).toBeGreaterThan(0);
    for (const c of conditions) expectEnglish(describeCondition(c), describeCondition(c, english));
    expect(describeCondition({ op: 'eq', field: '婚姻状况', value: '已婚' }, english)).toBe('Marital status = Married');
    expect(describeCondition({ op: 'eq', field: '婚姻状况', value: '已婚' })).toBe('婚姻状况 = 已婚');
  });

  it('refuses English choices that do not pair with the choices', () => {
    const fields = scheme.fields.map((f) => (f.key === '婚姻状况' ? { ...f, choicesEn: ['Unmarried'] } : f));
    expect(SchemeBody.safeParse({ ...scheme, fields }).success).toBe(false);
  });
});
