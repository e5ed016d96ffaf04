import { describe, expect, it } from 'vitest';
import { maskLine } from '../../shared/search/mask-text';
import { matchExpression, searchTerms } from '../../shared/search/search-query';
import { makeSnippet } from '../../shared/search/snippet';
import { groupHits, resultStatus, snippetParts, stepActive } from '../../renderer/src/search/search-logic';
import { createTranslate } from '../../renderer/src/i18n/translate';
import type { SearchHit } from '../../shared/contract';

describe('search queries', () => {
  it('splits at spaces, NFKC-normalizes, drops repeats and says which index finds each term', () => {
    expect(searchTerms('  张三　１１０１０５ 张三 借款合同 张 😀😀')).toEqual([
      { text: '张三', index: 'bigram' },
      { text: '110105', index: 'trigram' },
      { text: '借款合同', index: 'trigram' },
      { text: '张', index: 'single' },
      { text: '😀😀', index: 'bigram' },
    ]);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('单位\u0000名称\t')).toEqual([{ text: '单位', index: 'bigram' }, { text: '名称', index: 'bigram' }]);
  });

  it('quotes FTS5 phrases for the trigram terms', () => {
    expect(matchExpression(searchTerms('张三 a"b"c 借款合同'))).toBe('"a""b""c" AND "借款合同"');
    expect(matchExpression(searchTerms('张三'))).toBeNull();
  });
});

describe('masking and snippets', () => {
  it('masks ID numbers, bank cards and mobiles, also letter-spaced, and addresses behind their label', () => {
    expect(maskLine('证件号码 310115196604277511 个人账号 633424351699')).toBe('证件号码 3101**********7511 个人账号 633424351699');
    expect(maskLine('公民身份号码 1 1 0 1 0 5 1 9 9 3 1 2 0 7 5 2 8 X')).toBe('公民身份号码 1101**********528X');
    expect(maskLine('6225 8809 7733 2242 206 VALID THRU 11/27')).toBe('6225***********2206 VALID THRU 11/27');
    expect(maskLine('联系电话 18689801891 日期 20230504')).toBe('联系电话 186****1891 日期 20230504');
    expect(maskLine('住址 北京市朝阳区光华大道21号17栋')).toBe('住址 北京市朝阳区**********');
    expect(maskLine('联系地址：上海市浦东新区东方明珠苑', ['联系地址'])).toBe('联系地址：上海市浦东新******');
  });

  it('cuts a window around the first term without cutting a number in two, then masks it', () => {
    const body = `${'申请人承诺以上内容真实有效。'.repeat(4)}证件号码 310115196604277511 姓名 沈建华\n单位名称 上海博远医药有限公司`;
    const s = makeSnippet(body, body.replace(/ /g, ''), ['沈建华'], { context: 12 });
    expect(s.text).toBe('…3101**********7511 姓名 沈建华 · 单位名称 上海博远医药…');
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['沈建华']);
  });

  it('shows a letter-spaced number found only without spaces from the compact text, masked, unhighlighted', () => {
    const body = '公民身份号码 1 1 0 1 0 5 1 9 9 3 1 2 0 7 5 2 8 4';
    const s = makeSnippet(body, body.replace(/ /g, ''), ['19931207']);
    expect(s.text).toBe('公民身份号码1101**********5284');
    expect(s.highlights).toEqual([]);
  });

  it('keeps an address label in view so the address stays masked', () => {
    const body = `住址 北京市朝阳区光华大道二十一号${'院'.repeat(40)}十七栋五单元`;
    const s = makeSnippet(body, body, ['十七栋'], { context: 5 });
    expect(s.text.startsWith('住址 北京市朝阳区')).toBe(true);
    expect(s.text).not.toContain('十七栋');
  });
});

describe('search results in the UI', () => {
  const hit = (kind: SearchHit['kind'], id: string): SearchHit => ({ id, kind, snippet: '', highlights: [], score: 1, title: id, batchId: null, pageId: null });

  it('groups by kind, dossiers first, keeping rank order within a kind', () => {
    const groups = groupHits([hit('page', 'P1'), hit('item', 'I1'), hit('page', 'P2'), hit('dossier', 'K1')]);
    expect(groups.map((g) => [g.kind, g.hits.map((h) => h.id)])).toEqual([
      ['dossier', ['K1']],
      ['item', ['I1']],
      ['page', ['P1', 'P2']],
    ]);
  });

  it('moves within the list and cuts snippets at their highlights', () => {
    expect(stepActive(0, -1, 3)).toBe(0);
    expect(stepActive(1, 5, 3)).toBe(2);
    expect(stepActive(0, 1, 0)).toBe(0);
    expect(snippetParts('姓名 沈建华 单位', [[3, 6]])).toEqual([
      { text: '姓名 ', hit: false },
      { text: '沈建华', hit: true },
      { text: ' 单位', hit: false },
    ]);
  });
});

describe('the search status line', () => {
  const zh = createTranslate('zh-CN');
  const hit = (id: string): SearchHit => ({ id, kind: 'page', snippet: '', highlights: [], score: 1, title: id, batchId: 'B', pageId: id });
  it('gives the true number of matches, also when only the best are listed, or why a query was refused', () => {
    expect(resultStatus(zh, { query: '张伟', hits: [hit('a'), hit('b')], total: 2, refused: null })).toBe('2 条结果');
    expect(resultStatus(zh, { query: '张伟', hits: [hit('a'), hit('b')], total: 1234, refused: null })).toBe('1,234 条结果，显示最相关的 2 条，加个词可缩小范围');
    expect(resultStatus(zh, { query: '张伟', hits: [], total: 0, refused: null })).toBe('没有找到“张伟”');
    const refused = { code: 'single_character' as const, terms: ['张', '王'], message: 'm' };
    expect(resultStatus(zh, { query: '张 王', hits: [], total: 0, refused })).toBe('单个字（张、王）几乎每页都有，请至少输入两个字');
  });
});
