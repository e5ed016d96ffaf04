import { describe, expect, it } from 'vitest';
import type { FieldProposal } from '../../shared/contract';
import { extractFields } from '../../shared/fields/extract-fields';
import { pageFromText } from '../helpers/ocr-page';

/** The reference scheme's two choice elements a customer's form speaks of. */
const CHOICE_FIELDS = [
  { key: '证件类型', choices: ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证'] },
  { key: '婚姻状况', choices: ['未婚', '已婚', '离异', '丧偶'] },
];
const proposals = (text: string, field: string): FieldProposal[] =>
  extractFields(pageFromText(text), { choiceFields: CHOICE_FIELDS }).filter((p) => p.field === field);

describe('field extraction: choice elements', () => {
  it('proposes the choice written after its printed label, with the word it was read from', () => {
    const [p, ...rest] = proposals('联系电话 18689801891 婚姻状况 已婚', '婚姻状况');
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ value: '已婚', raw: '已婚', notes: ['标签 label: 婚姻状况'] });
    expect(p!.boxes).toHaveLength(1);
    expect(p!.confidence).toBeGreaterThan(0.8);
    expect(proposals('婚姻状况：离异', '婚姻状况').map((x) => x.value)).toEqual(['离异']);
  });

  it('reads a short form as the scheme’s own choice', () => {
    expect(proposals('证件类型：身份证 证件号码 310115196604277511', '证件类型').map((p) => p.value)).toEqual(['居民身份证']);
  });

  it.each(['☑已婚 □未婚 □离异 □丧偶', '□未婚 ■已婚 □离异', '口未婚 √已婚 口离异 口丧偶', '□未婚 ✓ 已婚'])('proposes the one ticked option of %s', (options) => {
    const [p] = proposals(`婚姻状况 ${options}`, '婚姻状况');
    expect(p).toMatchObject({ value: '已婚', notes: ['标签 label: 婚姻状况', '勾选 ticked: 已婚'] });
  });

  it('proposes nothing when no option is ticked, or two are', () => {
    expect(proposals('婚姻状况 □未婚 □已婚 □离异 □丧偶', '婚姻状况')).toEqual([]);
    expect(proposals('婚姻状况 ☑未婚 ☑已婚 □离异 □丧偶', '婚姻状况')).toEqual([]);
  });

  it('proposes nothing when the options are printed without boxes (one circled by pen is not read)', () => {
    expect(proposals('婚姻状况：未婚 已婚 离异 丧偶', '婚姻状况')).toEqual([]);
  });

  it('proposes nothing when two places on the page disagree', () => {
    expect(proposals('婚姻状况 已婚\n配偶信息 婚姻状况 离异', '婚姻状况')).toEqual([]);
  });

  it('stops at the next printed label of the row', () => {
    expect(proposals('婚姻状况： 性别：☑已婚', '婚姻状况')).toEqual([]);
  });

  it('infers 居民身份证 from a labelled 18-digit ID with a valid check, and says so', () => {
    const [p] = proposals('姓名 沈建华\n证件号码 310115196604277511', '证件类型');
    // The number stays out of the proposal: 证件类型 is not masked, 证件号码 is.
    expect(p).toMatchObject({ value: '居民身份证', raw: '', notes: ['由证件号码推断 inferred from the 18-digit ID number'] });
    expect(p!.boxes).toHaveLength(1);
  });

  it('infers nothing when the number is unlabelled, fails its check, or the page names another document', () => {
    expect(proposals('310115196604277511', '证件类型')).toEqual([]);
    expect(proposals('证件号码 310115196604277512', '证件类型')).toEqual([]);
    expect(proposals('外国人永久居留身份证\n证件号码 310115196604277511', '证件类型')).toEqual([]);
    expect(proposals('证件类型 □居民身份证 □护照\n证件号码 310115196604277511', '证件类型')).toEqual([]);
  });

  it('takes the written type over the inference', () => {
    expect(proposals('证件类型 护照 证件号码 310115196604277511', '证件类型').map((p) => p.value)).toEqual(['护照']);
  });

  it('proposes no choice element the scheme does not give', () => {
    expect(extractFields(pageFromText('婚姻状况 已婚')).filter((p) => p.field === '婚姻状况')).toEqual([]);
  });
});
