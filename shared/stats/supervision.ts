import { z } from 'zod';
import { StatsRow, type StatsReport } from '../contract/stats-api';
import { FIGURE_IDS, FIGURES, nearestRank, ratioValue, type FigureId } from './figures';

/**
 * supervision.json: the station's figures for one period, carried in a transfer bag so the
 * centre sees every station's work from what the stations send (docs/central-contract.md §2.3).
 * Counts travel per station day, so the centre can cut months exactly whatever a bag spans;
 * time-to-file durations travel as plain seconds, because percentiles do not add up.
 */
export const SUPERVISION_FORMAT = 'hpf-desk/supervision';
export const SUPERVISION_VERSION = 1;

export const SupervisionFile = z.object({
  format: z.literal(SUPERVISION_FORMAT),
  version: z.literal(SUPERVISION_VERSION),
  station: z.object({ id: z.string().min(1), name: z.string(), fonds: z.string() }),
  /** Station days covered, inclusive; a station's files do not overlap (each starts the day after the previous ended). */
  period: z.object({ fromDate: z.string(), toDate: z.string() }),
  generatedAt: z.string(),
  /** Count figures per station day (ratios, percentiles and snapshots are left to the reader to derive). */
  days: z.array(StatsRow.extend({ key: z.string() })),
  /** Seconds from first captured page to 档号 of each counter item filed, by station day. */
  timeToFile: z.array(z.object({ day: z.string(), seconds: z.number() })),
  /** Station-wide state when the file was written. */
  snapshot: z.object({ ocrBacklog: z.number(), openBatches: z.number(), unackedBatches: z.number(), syncLagDays: z.number() }),
});
export type SupervisionFile = z.infer<typeof SupervisionFile>;

const COUNT_FIGURES = FIGURE_IDS.filter((id) => FIGURES[id].how.kind === 'count');

/** The file for a station report over its period (station-wide scope) and the period's durations. */
export function supervisionFile(
  station: SupervisionFile['station'],
  report: Pick<StatsReport, 'range' | 'views' | 'generatedAt' | 'scope'>,
  timeToFile: SupervisionFile['timeToFile'],
): SupervisionFile {
  if (report.scope.kind !== 'station') throw new Error('supervision.json carries the whole station’s figures');
  const total = report.views.total[0]!.values;
  const counts = (values: StatsRow['values']) => Object.fromEntries(FIGURE_IDS.map((id) => [id, COUNT_FIGURES.includes(id) ? values[id] ?? 0 : null])) as StatsRow['values'];
  return {
    format: SUPERVISION_FORMAT,
    version: SUPERVISION_VERSION,
    station,
    period: { fromDate: report.range.fromDate, toDate: report.range.toDate },
    generatedAt: report.generatedAt,
    days: report.views.day.filter((d) => d.key !== null).map((d) => ({ key: d.key!, values: counts(d.values) })),
    timeToFile,
    snapshot: {
      ocrBacklog: total.ocrBacklog ?? 0,
      openBatches: total.openBatches ?? 0,
      unackedBatches: total.unackedBatches ?? 0,
      syncLagDays: total.syncLagDays ?? 0,
    },
  };
}

export interface StationMonth {
  readonly stationId: string;
  readonly stationName: string;
  /** YYYY-MM. */
  readonly month: string;
  readonly values: Readonly<Record<FigureId, number | null>>;
}

/** Every station's files, a file received twice (a bag re-sent) once: the later generatedAt wins for its period. */
function latestFiles(files: readonly SupervisionFile[]): SupervisionFile[] {
  const latest = new Map<string, SupervisionFile>();
  for (const f of files) {
    const key = `${f.station.id}\u0000${f.period.fromDate}\u0000${f.period.toDate}`;
    const seen = latest.get(key);
    if (!seen || seen.generatedAt < f.generatedAt) latest.set(key, f);
  }
  return [...latest.values()];
}

/** The row a file's figures count towards (a station, or every station together). */
type GroupOf = (f: SupervisionFile) => { readonly id: string; readonly name: string };

/**
 * Figures per group and month: counts added up day by day, ratios and percentiles derived again
 * from the sums and the durations, snapshots from each station's latest in the group.
 */
function aggregate(files: readonly SupervisionFile[], groupOf: GroupOf): StationMonth[] {
  const months = new Map<string, { stationId: string; stationName: string; month: string; counts: Map<FigureId, number>; seconds: number[]; stations: Set<string> }>();
  const monthOf = (f: SupervisionFile, day: string) => {
    const group = groupOf(f);
    const key = `${group.id}\u0000${day.slice(0, 7)}`;
    let m = months.get(key);
    if (!m) months.set(key, (m = { stationId: group.id, stationName: group.name, month: day.slice(0, 7), counts: new Map(), seconds: [], stations: new Set() }));
    m.stations.add(f.station.id);
    return m;
  };
  const snapshots = new Map<string, SupervisionFile>();
  for (const f of latestFiles(files)) {
    for (const d of f.days) {
      const m = monthOf(f, d.key);
      for (const id of COUNT_FIGURES) m.counts.set(id, (m.counts.get(id) ?? 0) + (d.values[id] ?? 0));
    }
    for (const t of f.timeToFile) monthOf(f, t.day).seconds.push(t.seconds);
    const seen = snapshots.get(f.station.id);
    if (!seen || seen.generatedAt < f.generatedAt) snapshots.set(f.station.id, f);
  }
  return [...months.values()]
    .sort((a, b) => (a.stationId === b.stationId ? (a.month < b.month ? -1 : 1) : a.stationId < b.stationId ? -1 : 1))
    .map((m) => {
      const sorted = [...m.seconds].sort((a, b) => a - b);
      // Backlogs and open batches add up over stations; a lag does not: the group lags as far as its worst station.
      const snapshot = (id: keyof SupervisionFile['snapshot']) => {
        const each = [...m.stations].map((s) => snapshots.get(s)!.snapshot[id]);
        return id === 'syncLagDays' ? Math.max(...each) : each.reduce((n, v) => n + v, 0);
      };
      const values = Object.fromEntries(
        FIGURE_IDS.map((id): [FigureId, number | null] => {
          const how = FIGURES[id].how;
          switch (how.kind) {
            case 'count':
              return [id, m.counts.get(id) ?? 0];
            case 'percentile':
              return [id, nearestRank(sorted, how.p)];
            case 'ratio':
              return [id, ratioValue(id, m.counts.get(how.numerator) ?? 0, m.counts.get(how.denominator) ?? 0)];
            case 'snapshot':
              return [id, snapshot(id as keyof SupervisionFile['snapshot'])];
          }
        }),
      ) as Record<FigureId, number | null>;
      return { stationId: m.stationId, stationName: m.stationName, month: m.month, values };
    });
}

/** What the centre's receiver calls: every station's figures per month, from the files received. */
export function aggregateSupervision(files: readonly SupervisionFile[]): StationMonth[] {
  return aggregate(files, (f) => f.station);
}

/** The id of the all-stations row of supervisionTotals. */
export const ALL_STATIONS = '*';

/** Every station together per month: the same rules, so a total is what one station the size of all would report. */
export function supervisionTotals(files: readonly SupervisionFile[]): StationMonth[] {
  return aggregate(files, () => ({ id: ALL_STATIONS, name: '合计 (all stations)' }));
}
