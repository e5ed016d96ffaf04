import { describe, expect, it } from 'vitest';
import type { BusinessTypeSummary } from '../../shared/contract';
import { matchBusinesses, today } from '../../renderer/src/filing/filing-logic';

const types = [
  { code: 'TQ-GF', name: '购买自住住房', className: '提取' },
  { code: 'TQ-ZF', name: '租房', className: '提取' },
  { code: 'DK-GF', name: '申请', className: '贷款' },
] as unknown as BusinessTypeSummary[];

describe('picking the business at the counter', () => {
  it('finds it from a few keystrokes: words of the class and name, or the code', () => {
    expect(matchBusinesses(types, '提取 购买').map((b) => b.code)).toEqual(['TQ-GF']);
    expect(matchBusinesses(types, '购房').map((b) => b.code)).toEqual(['TQ-GF']);
    expect(matchBusinesses(types, 'tq-zf').map((b) => b.code)).toEqual(['TQ-ZF']);
    expect(matchBusinesses(types, '').length).toBe(3);
    expect(matchBusinesses(types, '结清')).toEqual([]);
  });

  it('defaults the business date to the station’s day', () => {
    expect(today(new Date(2025, 2, 1, 23, 59))).toBe('2025-03-01');
  });
});
