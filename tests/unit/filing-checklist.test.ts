import { describe, expect, it } from 'vitest';
import { checklistOn, completeness, evaluate } from '../../shared/filing/checklist';
import { findBusiness } from '../../shared/filing/scheme';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';

const scheme = defaultSchemeBody();
const purchase = findBusiness(scheme, 'TQ-GF')!;
const pages = (...codes: string[]) => new Map(codes.map((c) => [c, 1]));

describe('material checklists by business date', () => {
  it('picks the version in force on the business date, either side of a policy change', () => {
    expect(purchase.checklists.map((c) => c.effectiveFrom)).toEqual(['2000-01-01', '2024-07-01']);
    expect(checklistOn(purchase, '2024-06-30')?.version).toBe('2019版');
    expect(checklistOn(purchase, '2024-07-01')?.version).toBe('2024版');
    expect(checklistOn(purchase, '2025-03-01')?.version).toBe('2024版');
    expect(checklistOn(purchase, '1999-12-31')).toBeUndefined();
  });

  it('applies the rules of its own day: an invoice is required before the change, optional after', () => {
    const all = pages('TQSQB', 'SFZ', 'GFHT', 'YHK');
    const before = completeness(checklistOn(purchase, '2024-06-30')!, { 婚姻状况: '未婚' }, all);
    const after = completeness(checklistOn(purchase, '2024-07-01')!, { 婚姻状况: '未婚' }, all);
    expect(before.missing).toEqual(['GFFP']);
    expect(after).toMatchObject({ missing: [], complete: true });
  });

  it('asks for conditional materials only when their condition holds on the item metadata', () => {
    const v2019 = checklistOn(purchase, '2020-05-01')!;
    const have = pages('TQSQB', 'SFZ', 'GFHT', 'GFFP', 'YHK');
    expect(completeness(v2019, { 婚姻状况: '已婚' }, have).missing).toEqual(['JHZ']);
    expect(completeness(v2019, { 婚姻状况: '未婚' }, have).complete).toBe(true);
    expect(completeness(v2019, {}, have).complete).toBe(true);
    expect(completeness(v2019, { 婚姻状况: '已婚' }, new Map([...have, ['JHZ', 2]])).complete).toBe(true);
    // 2024: a marriage certificate only when the spouse's account is used too.
    const v2024 = checklistOn(purchase, '2025-01-01')!;
    expect(completeness(v2024, { 婚姻状况: '已婚', 使用配偶账户: '否' }, have).complete).toBe(true);
    expect(completeness(v2024, { 婚姻状况: '已婚', 使用配偶账户: '是' }, have).missing).toEqual(['JHZ']);
    const line = completeness(v2024, { 婚姻状况: '已婚', 使用配偶账户: '是' }, have).lines.find((l) => l.material === 'JHZ')!;
    expect(line).toMatchObject({ rule: 'conditional', needed: true, present: false });
  });

  it('evaluates nested conditions', () => {
    const c = { op: 'all', of: [{ op: 'in', field: 'a', values: ['1', '2'] }, { op: 'not', of: { op: 'present', field: 'b' } }] } as const;
    expect(evaluate(c, { a: '2' })).toBe(true);
    expect(evaluate(c, { a: '2', b: 'x' })).toBe(false);
    expect(evaluate({ op: 'any', of: [{ op: 'eq', field: 'a', value: '3' }, c] }, { a: '3', b: 'x' })).toBe(true);
  });
});
