import { describe, expect, it } from 'vitest';
import type { BusinessTypeSummary } from '../../shared/contract';
import { matchBusinesses, today } from '../../renderer/src/filing/filing-logic';

const types = [
  { code: 'TQ-GF', name: '购买自住住房', className: '提取', nameEn: 'Purchase of own home', classNameEn: 'Withdrawals' },
  { code: 'TQ-ZF', name: '租房', className: '提取', nameEn: 'Renting a home', classNameEn: 'Withdrawals' },
  { code: 'DK-GF', name: '申请', className: '贷款', nameEn: 'Application', classNameEn: 'Loans' },
] as unknown as BusinessTypeSummary[];

describe('picking the business at the counter', () => {
  it('finds it from a few keystrokes: words of the class and name, or the code', () => {
    expect(matchBusinesses(types, '提取 购买').map((b) => b.code)).toEqual(['TQ-GF']);
    expect(matchBusinesses(types, '购房').map((b) => b.code)).toEqual(['TQ-GF']);
    expect(matchBusinesses(types, 'tq-zf').map((b) => b.code)).toEqual(['TQ-ZF']);
    expect(matchBusinesses(types, '').length).toBe(3);
    expect(matchBusinesses(types, '结清')).toEqual([]);
  });

  it('finds it by its English name too, word by word as typed', () => {
    expect(matchBusinesses(types, 'purchase own').map((b) => b.code)).toEqual(['TQ-GF']);
    expect(matchBusinesses(types, 'withdrawals rent').map((b) => b.code)).toEqual(['TQ-ZF']);
    // Latin letters scattered over other names do not count as a match.
    expect(matchBusinesses(types, 'hope')).toEqual([]);
  });

  it('defaults the business date to the station’s day', () => {
    expect(today(new Date(2025, 2, 1, 23, 59))).toBe('2025-03-01');
  });
});
