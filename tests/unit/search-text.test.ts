import { describe, expect, it } from 'vitest';
import { maskLine } from '../../shared/search/mask-text';
import { matchExpression, searchTerms } from '../../shared/search/search-query';
import { makeSnippet } from '../../shared/search/snippet';
import { resultStatus, snippetParts, stepActive, withFilter } from '../../renderer/src/search/search-logic';
import { groupHits, listedOrder } from '../../shared/search/group-hits';
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
  const hit = (kind: SearchHit['kind'], id: string, dossier: string | null = null): SearchHit => ({
    id,
    kind,
    snippet: '',
    highlights: [],
    score: 1,
    title: id,
    batchId: null,
    pageId: null,
    dossier: dossier === null ? null : { id: dossier, title: `${dossier} 王*` },
  });
  const shape = (hits: SearchHit[]) => groupHits(hits).map((g) => [g.by === 'dossier' ? g.title : g.kind, g.hits.map((h) => h.id)]);

  it('groups loose hits by kind, dossiers first, keeping rank order within a kind', () => {
    expect(shape([hit('page', 'P1'), hit('item', 'I1'), hit('page', 'P2'), hit('dossier', 'K1')])).toEqual([
      ['K1', ['K1']],
      ['item', ['I1']],
      ['page', ['P1', 'P2']],
    ]);
  });

  it('gathers what was found in a dossier under it, the dossier itself first, dossiers in the rank of their best hit', () => {
    const hits = [hit('page', 'P1', 'K2'), hit('item', 'I1', 'K1'), hit('page', 'P2'), hit('dossier', 'K1'), hit('document', 'D1', 'K2'), hit('item', 'I2')];
    expect(shape(hits)).toEqual([
      ['K2 王*', ['P1', 'D1']],
      ['K1 王*', ['K1', 'I1']],
      ['item', ['I2']],
      ['page', ['P2']],
    ]);
    // The arrow keys walk the list as shown, every hit once.
    expect(listedOrder(groupHits(hits)).map((h) => h.id)).toEqual(['P1', 'D1', 'K1', 'I1', 'I2', 'P2']);
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

describe('search filters from the form controls', () => {
  it('sets, replaces and clears one filter; a kind picked is the only kind; a backwards range keeps the end just set', () => {
    expect(withFilter({}, 'business', 'TQ-GF')).toEqual({ business: 'TQ-GF' });
    expect(withFilter({ business: 'TQ-GF', batchId: 'B1' }, 'business', '')).toEqual({ batchId: 'B1' });
    expect(withFilter({}, 'kinds', 'item')).toEqual({ kinds: ['item'] });
    expect(withFilter({ kinds: ['item'] }, 'kinds', '')).toEqual({});
    expect(withFilter({ from: '2024-01-01', to: '2024-12-31' }, 'from', '2025-03-01')).toEqual({ from: '2025-03-01' });
    expect(withFilter({ from: '2024-01-01', to: '2024-12-31' }, 'to', '2023-06-30')).toEqual({ to: '2023-06-30' });
    expect(withFilter({ from: '2024-01-01' }, 'to', '2024-01-01')).toEqual({ from: '2024-01-01', to: '2024-01-01' });
  });
});

describe('the search status line', () => {
  const zh = createTranslate('zh-CN');
  const hit = (id: string): SearchHit => ({ id, kind: 'page', snippet: '', highlights: [], score: 1, title: id, batchId: 'B', pageId: id, dossier: null });
  it('gives the true number of matches, also when only the best are listed, or why a query was refused', () => {
    expect(resultStatus(zh, { query: '张伟', hits: [hit('a'), hit('b')], total: 2, refused: null })).toBe('2 条结果');
    expect(resultStatus(zh, { query: '张伟', hits: [hit('a'), hit('b')], total: 1234, refused: null })).toBe('1,234 条结果，显示最相关的 2 条，加个词可缩小范围');
    expect(resultStatus(zh, { query: '张伟', hits: [], total: 0, refused: null })).toBe('没有找到“张伟”');
    const refused = { code: 'single_character' as const, terms: ['张', '王'], message: 'm' };
    expect(resultStatus(zh, { query: '张 王', hits: [], total: 0, refused })).toBe('单个字（张、王）几乎每页都有，请至少输入两个字');
  });
});
