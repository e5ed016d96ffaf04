import { describe, expect, it } from 'vitest';
import {
  formatPercent,
  keyedValues,
  keyingStep,
  mappingTargets,
  nextOpenIndex,
  parsePercent,
  QC_REASON_KEYS,
  qcKey,
  remap,
  resolvedChoices,
  splitWarnings,
} from '../../renderer/src/backfile/backfile-logic';

const page = (id: string, verdict: 'pass' | 'fail' | null) => ({ page: id, verdict, reason: verdict === 'fail' ? ('skewed' as const) : null, note: null, actor: null });

describe('QC keys', () => {
  it('passes with P or Space, rejects with the reason on each digit, steps, decides and opens the rescans', () => {
    expect(qcKey('p')).toEqual({ type: 'pass' });
    expect(qcKey('P')).toEqual({ type: 'pass' });
    expect(qcKey(' ')).toEqual({ type: 'pass' });
    expect(qcKey('1')).toEqual({ type: 'fail', reason: 'missed' });
    expect(qcKey('6')).toEqual({ type: 'fail', reason: 'skewed' });
    expect(qcKey('9')).toEqual({ type: 'fail', reason: 'other' });
    expect(qcKey('0')).toBeNull();
    expect(qcKey('ArrowRight')).toEqual({ type: 'step', delta: 1 });
    expect(qcKey('k')).toEqual({ type: 'step', delta: -1 });
    expect(qcKey('D')).toEqual({ type: 'decide' });
    expect(qcKey('r')).toEqual({ type: 'rescans' });
    expect(qcKey('x')).toBeNull();
    expect(QC_REASON_KEYS.map((r) => r.key).join('')).toBe('123456789');
  });

  it('goes on to the next page without a verdict, wrapping round, and says when all are judged', () => {
    const pages = [page('a', 'pass'), page('b', null), page('c', 'fail'), page('d', null)];
    expect(nextOpenIndex(pages, 1)).toBe(3);
    expect(nextOpenIndex(pages, 3)).toBe(1);
    expect(nextOpenIndex([page('a', 'pass'), page('b', 'fail')], 0)).toBe(-1);
  });

  it('reads rates typed as percentages and refuses anything under the 5 % floor', () => {
    expect(parsePercent('5')).toBe(0.05);
    expect(parsePercent(' 12.5 % ')).toBe(0.125);
    expect(parsePercent('100%')).toBe(1);
    expect(parsePercent('4')).toBeNull();
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('五')).toBeNull();
    expect(parsePercent('95', 1)).toBe(0.95);
    expect(formatPercent(0.75)).toBe('75%');
    expect(formatPercent(0.125)).toBe('12.5%');
  });
});

describe('double entry', () => {
  it('asks for whichever pass is missing, then for resolution', () => {
    expect(keyingStep({ state: 'waiting', keyed: [] })).toEqual({ kind: 'key', pass: 1 });
    expect(keyingStep({ state: 'waiting', keyed: [1] })).toEqual({ kind: 'key', pass: 2 });
    expect(keyingStep({ state: 'waiting', keyed: [2] })).toEqual({ kind: 'key', pass: 1 });
    const both = { keyers: ['a', 'b'] as [string, string], agreed: {}, differences: [] };
    expect(keyingStep({ state: 'ready', ...both })).toEqual({ kind: 'resolve' });
    expect(keyingStep({ state: 'resolved', ...both })).toEqual({ kind: 'done' });
  });

  it('sends only keyed values and resolves only when every difference has a value', () => {
    expect(keyedValues({ 姓名: ' 王五 ', 金额: '', 备注: '  ' })).toEqual({ 姓名: '王五' });
    const differences = [{ field: '姓名' }, { field: '金额' }];
    expect(resolvedChoices(differences, { 姓名: '王五' })).toBeNull();
    expect(resolvedChoices(differences, { 姓名: '王五', 金额: ' ' })).toBeNull();
    expect(resolvedChoices(differences, { 姓名: '王五 ', 金额: '8000', 其他: 'x' })).toEqual({ 姓名: '王五', 金额: '8000' });
  });
});

describe('catalogue mapping and split warnings', () => {
  it('maps a column to an element or to nothing, offering each element to one column only', () => {
    const mapping = { 档号: '档号', 职工姓名: '姓名', 库位: null };
    expect(remap(mapping, '库位', '备注')).toEqual({ 档号: '档号', 职工姓名: '姓名', 库位: '备注' });
    expect(remap(mapping, '职工姓名', '')).toEqual({ 档号: '档号', 职工姓名: null, 库位: null });
    expect(mappingTargets(['档号', '姓名', '备注'], mapping, '库位')).toEqual(['备注']);
    expect(mappingTargets(['档号', '姓名', '备注'], mapping, '职工姓名')).toEqual(['姓名', '备注']);
  });

  it('lists every item’s problems with its sheet key', () => {
    const warnings = splitWarnings({
      batch: 'B',
      emptySheets: [],
      unread: 0,
      items: [
        { item: 'I1', key: null, business: null, pages: 2, sheetPages: 0, problems: [{ kind: 'leading_pages' }] },
        { item: 'I2', key: 'S1', business: 'TQ-GF', pages: 3, sheetPages: 1, problems: [] },
        { item: 'I3', key: 'S2', business: 'TQ-GF', pages: 5, sheetPages: 1, problems: [{ kind: 'page_count', expected: 3, actual: 5, missedSeparatorBefore: 'P9' }, { kind: 'repeated_key' }] },
      ],
    });
    expect(warnings.map((w) => [w.item, w.key, w.problem.kind])).toEqual([
      ['I1', null, 'leading_pages'],
      ['I3', 'S2', 'page_count'],
      ['I3', 'S2', 'repeated_key'],
    ]);
  });
});
