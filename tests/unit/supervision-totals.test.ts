import { describe, expect, it } from 'vitest';
import { FIGURE_IDS, FIGURES, type FigureId } from '../../shared/stats/figures';
import { aggregateSupervision, ALL_STATIONS, supervisionTotals, type SupervisionFile } from '../../shared/stats/supervision';

const counts = (values: Partial<Record<FigureId, number>>) =>
  Object.fromEntries(FIGURE_IDS.map((id) => [id, FIGURES[id].how.kind === 'count' ? values[id] ?? 0 : null])) as Record<FigureId, number | null>;

function file(id: string, generatedAt: string, days: Array<[string, Partial<Record<FigureId, number>>]>, seconds: number[], snapshot: SupervisionFile['snapshot']): SupervisionFile {
  return {
    format: 'hpf-desk/supervision',
    version: 1,
    station: { id, name: `网点 ${id}`, fonds: 'J001' },
    period: { fromDate: '2026-03-01', toDate: '2026-03-31' },
    generatedAt,
    days: days.map(([key, v]) => ({ key, values: counts(v) })),
    timeToFile: seconds.map((s) => ({ day: '2026-03-02', seconds: s })),
    snapshot,
  };
}

describe('all stations together (the centre’s total)', () => {
  it('adds counts, derives ratios and percentiles from all stations’ sums and durations, adds backlogs and takes the worst lag, counting a station’s re-sent month once', () => {
    const a = file('A', '2026-03-05T00:00:00Z', [['2026-03-02', { pagesCaptured: 10, qcPagesJudged: 4, qcPagesFailed: 1 }]], [100, 300], { ocrBacklog: 2, openBatches: 1, unackedBatches: 0, syncLagDays: 1 });
    // A later bag of the same month from A: it replaces the earlier figures.
    const aLater = file('A', '2026-03-09T00:00:00Z', [['2026-03-02', { pagesCaptured: 10, qcPagesJudged: 4, qcPagesFailed: 1 }], ['2026-03-08', { pagesCaptured: 5 }]], [100, 300], { ocrBacklog: 3, openBatches: 2, unackedBatches: 1, syncLagDays: 0 });
    const b = file('B', '2026-03-07T00:00:00Z', [['2026-03-03', { pagesCaptured: 7, qcPagesJudged: 6, qcPagesFailed: 0 }]], [200], { ocrBacklog: 4, openBatches: 0, unackedBatches: 2, syncLagDays: 5 });
    const [total, ...rest] = supervisionTotals([a, b, aLater]);
    expect(rest).toEqual([]);
    expect(total).toMatchObject({ stationId: ALL_STATIONS, month: '2026-03' });
    expect(total!.values).toMatchObject({
      pagesCaptured: 22, qcPagesJudged: 10, qcPagesFailed: 1, qcPassRate: 9 / 10,
      timeToFileMedian: 200, timeToFileP90: 300,
      ocrBacklog: 7, openBatches: 2, unackedBatches: 3, syncLagDays: 5,
    });
    // Per station, as before: each its own latest.
    expect(aggregateSupervision([a, b, aLater]).map((m) => [m.stationId, m.values.pagesCaptured, m.values.syncLagDays])).toEqual([['A', 15, 0], ['B', 7, 5]]);
  });
});
