import { describe, expect, it } from 'vitest';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { amountWordsProposals, fieldProblems } from '../../renderer/src/filing/field-feedback';

const scheme = defaultSchemeBody();
const formFields = scheme.fields.filter((f) => ['证件号码', '金额', '金额大写'].includes(f.key));
const VALID_ID = '11010519491231002X';
const WRONG_CHECK = '110105194912310021';

describe('what the item form says about a keyed value', () => {
  it('says on the field that an ID number’s check character is wrong once the clerk leaves it', () => {
    const values = { 证件号码: WRONG_CHECK };
    expect(fieldProblems(scheme, values, new Set(), 'zh')).toEqual({});
    const zh = fieldProblems(scheme, values, new Set(['证件号码']), 'zh');
    expect(zh['证件号码']).toContain('校验位不符（应为 X）');
    const en = fieldProblems(scheme, values, new Set(['证件号码']), 'en');
    expect(en['证件号码']).toContain('check character is wrong (expected X)');
    expect(en['证件号码']).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });

  it('drops the message as soon as the ID number is fixed', () => {
    expect(fieldProblems(scheme, { 证件号码: VALID_ID }, new Set(['证件号码']), 'zh')).toEqual({});
  });

  it('judges the capitals against the keyed figures, on the capitals’ field only', () => {
    const values = { 金额: '12300', 金额大写: '壹万贰仟元整' };
    expect(fieldProblems(scheme, values, new Set(['金额大写']), 'zh')).toEqual({ 金额大写: expect.stringContaining('不一致') });
    expect(fieldProblems(scheme, values, new Set(['金额']), 'zh')).toEqual({});
    expect(fieldProblems(scheme, { ...values, 金额大写: '壹万贰仟叁佰元整' }, new Set(['金额', '金额大写']), 'zh')).toEqual({});
  });

  it('speaks to the clerk, never in schema-library wording', () => {
    const all = new Set(['证件号码', '金额', '金额大写']);
    const messages = Object.values(fieldProblems(scheme, { 证件号码: '123', 金额: 'abc', 金额大写: '壹贰元' }, all, 'zh'));
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).not.toMatch(/✖|→|Expected|Invalid|at path/);
  });
});

describe('金额大写 proposed from 金额', () => {
  it('writes the keyed amount in capitals', () => {
    expect(amountWordsProposals(formFields, { 金额: '12,300.50' })).toEqual({ 金额大写: '壹万贰仟叁佰元伍角整' });
    expect(amountWordsProposals(formFields, { 金额: '¥300.06' })).toEqual({ 金额大写: '叁佰元零陆分' });
  });

  it('proposes nothing without a readable amount or without the capitals field on the form', () => {
    expect(amountWordsProposals(formFields, {})).toEqual({});
    expect(amountWordsProposals(formFields, { 金额: '一万' })).toEqual({});
    expect(amountWordsProposals(formFields.filter((f) => f.key !== '金额大写'), { 金额: '100' })).toEqual({});
  });
});
