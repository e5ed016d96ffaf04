import { describe, expect, it } from 'vitest';
import { FIGURE_IDS, FIGURES, listedFigure, nearestRank, ratioValue } from '../../shared/stats/figures';
import { resolveRange, stationDate } from '../../shared/stats/range';

describe('station days', () => {
  it('takes the station day (UTC+8) whatever the clock zone: 16:30 UTC is already tomorrow', () => {
    expect(stationDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(stationDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
  });

  it('resolves today, the week from Monday, the month from the 1st, and a custom range, as [from, to) in UTC', () => {
    const now = new Date('2026-03-04T02:00:00Z'); // Wednesday 10:00 at the station
    expect(resolveRange('today', now)).toEqual({ fromDate: '2026-03-04', toDate: '2026-03-04', from: '2026-03-03T16:00:00.000Z', to: '2026-03-04T16:00:00.000Z' });
    expect(resolveRange('week', now)).toMatchObject({ fromDate: '2026-03-02', toDate: '2026-03-04', from: '2026-03-01T16:00:00.000Z' });
    expect(resolveRange('week', new Date('2026-03-08T15:00:00Z')).fromDate).toBe('2026-03-02'); // Sunday 23:00
    expect(resolveRange('month', now)).toMatchObject({ fromDate: '2026-03-01', from: '2026-02-28T16:00:00.000Z' });
    expect(resolveRange('custom', now, { from: '2025-12-31', to: '2026-01-01' })).toMatchObject({ from: '2025-12-30T16:00:00.000Z', to: '2026-01-01T16:00:00.000Z' });
    expect(() => resolveRange('custom', now, { from: '2026-01-02', to: '2026-01-01' })).toThrow(RangeError);
  });
});

describe('figure definitions', () => {
  it('names every figure in both languages with a definition, and ratios refer to counts', () => {
    for (const id of FIGURE_IDS) {
      const f = FIGURES[id];
      expect(f.id).toBe(id);
      expect(f.zh && f.en && f.definition.zh && f.definition.en).toBeTruthy();
      if (f.how.kind === 'ratio') {
        for (const part of [f.how.numerator, f.how.denominator, f.how.opens]) expect(FIGURES[part].how.kind).toBe('count');
      }
    }
    expect(listedFigure('qcPassRate')).toBe('qcPagesJudged');
    expect(listedFigure('lowConfidenceShare')).toBe('pagesLowConfidence');
  });

  it('takes nearest-rank percentiles and leaves empty ratios undefined', () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([10], 0.9)).toBe(10);
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(ratioValue('lowConfidenceShare', 1, 4)).toBe(0.25);
    expect(ratioValue('qcPassRate', 1, 4)).toBe(0.75);
    expect(ratioValue('qcPassRate', 0, 0)).toBeNull();
  });
});
