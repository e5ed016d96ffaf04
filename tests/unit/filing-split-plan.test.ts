import { describe, expect, it } from 'vitest';
import { parseSheetPayload, qrPayload, linearPayload } from '../../shared/filing/sheet-key';
import { planSplit, type SplitPage } from '../../shared/filing/split-plan';

const sheet = (key: string, expectedPages?: number): SplitPage => ({ id: `sheet-${key}-${Math.random()}`, sheet: { key, kind: 'separator', ...(expectedPages ? { expectedPages } : {}) }, blank: false });
const page = (id: string, blank = false): SplitPage => ({ id, sheet: null, blank });

describe('splitting a batch at its sheets', () => {
  it('makes one item per sheet, takes blank sheet backs with the sheet, and never an empty item for back-to-back sheets', () => {
    const plan = planSplit([sheet('A'), page('back-A', true), page('a1'), page('a2'), sheet('B'), sheet('C'), page('c1'), sheet('D')]);
    expect(plan.items.map((i) => [i.key, i.pages])).toEqual([
      ['A', ['a1', 'a2']],
      ['C', ['c1']],
    ]);
    expect(plan.items[0]!.sheetPages).toHaveLength(2);
    expect(plan.items[1]!.sheetPages).toHaveLength(2);
    expect(plan.emptySheets).toEqual(['B', 'D']);
  });

  it('keeps blank pages inside an item and reports pages before the first sheet', () => {
    const plan = planSplit([page('x1'), sheet('A'), page('a1'), page('blank', true), page('a2')]);
    expect(plan.items.map((i) => [i.key, i.pages, i.problems])).toEqual([
      [null, ['x1'], [{ kind: 'leading_pages' }]],
      ['A', ['a1', 'blank', 'a2'], []],
    ]);
  });

  it('catches a missed separator by page-count reconciliation and names where it belongs', () => {
    const plan = planSplit([sheet('A', 2), page('a1'), page('a2'), page('b1'), page('b2'), sheet('C', 1), page('c1')]);
    expect(plan.items[0]!.problems).toEqual([{ kind: 'page_count', expected: 2, actual: 4, missedSeparatorBefore: 'b1' }]);
    expect(plan.items[1]!.problems).toEqual([]);
    expect(planSplit([sheet('A', 3), page('a1')]).items[0]!.problems).toEqual([{ kind: 'page_count', expected: 3, actual: 1, missedSeparatorBefore: null }]);
  });

  it('flags a key that starts two items', () => {
    const plan = planSplit([sheet('A'), page('a1'), sheet('A'), page('a2')]);
    expect(plan.items.map((i) => i.problems)).toEqual([[{ kind: 'repeated_key' }], [{ kind: 'repeated_key' }]]);
  });
});

describe('sheet barcodes', () => {
  it('round-trips the QR payload and reads the Code 128 key; other barcodes are not sheets', () => {
    const info = { key: 'S01ABCDEFGH12', kind: 'cover', business: 'TQ-GF', businessDate: '2025-03-01', fields: { 姓名: '张三' }, expectedPages: 3 } as const;
    expect(parseSheetPayload(qrPayload(info))).toEqual(info);
    expect(parseSheetPayload(linearPayload('S01ABCDEFGH12'))).toEqual({ key: 'S01ABCDEFGH12', kind: null });
    expect(parseSheetPayload('6901234567892')).toBeNull();
    expect(parseSheetPayload('HPF1{"k":"x"}')).toBeNull();
    expect(parseSheetPayload('HPF1{not json')).toBeNull();
  });
});
