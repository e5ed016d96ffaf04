import type { StatsQuery, StatsReport, StatsRow, StatsView } from '../../../shared/contract';
import { STATS_VIEWS } from '../../../shared/contract';
import { FIGURE_IDS, FIGURES, LOW_CONFIDENCE, nearestRank, ratioValue, type FigureId } from '../../../shared/stats/figures';
import { resolveRange, STATION_DAY_MODIFIER, type ResolvedRange } from '../../../shared/stats/range';
import type { Db } from '../store/open-database';
import { backlogByDay } from './backlog-series';
import { FACT_FAMILIES, FACTS, type FactFamily } from './figure-facts';
import { REJECT_REASONS } from './reject-reasons';
import { scopedClerk, type StatsScope } from './stats-scope';

/** What every fact query is narrowed by: the range, and the clerk, business and batch kind asked for (or null). */
export interface FactFilter {
  readonly from: string;
  readonly to: string;
  readonly clerk: string | null;
  readonly business: string | null;
  readonly kind: string | null;
}

export const FILTER_SQL = '(@clerk IS NULL OR clerk = @clerk) AND (@business IS NULL OR business = @business) AND (@kind IS NULL OR batch_kind = @kind)';
export const DAY_SQL = `date(at, '${STATION_DAY_MODIFIER}')`;

export const factParams = (f: FactFilter) => ({ ...f, low: LOW_CONFIDENCE });

export function rangeOf(query: Pick<StatsQuery, 'range'>, now: Date): ResolvedRange {
  const r = query.range;
  return r.preset === 'custom' ? resolveRange('custom', now, { from: r.from, to: r.to }) : resolveRange(r.preset, now);
}

export function filterOf(query: StatsQuery, range: ResolvedRange, scope: StatsScope): FactFilter {
  return { from: range.from, to: range.to, clerk: scopedClerk(scope, query.clerk), business: query.business, kind: query.batchKind };
}

/** One group of facts at the finest split: the views are sums (or percentiles) over these. */
interface Cell {
  readonly clerk: string | null;
  readonly business: string | null;
  readonly batch_kind: string | null;
  readonly day: string | null;
  readonly first_at: string | null;
}

/** A group's count for each member of its family, by figure. */
type FamilyCell = Cell & Readonly<Partial<Record<FigureId, number>>>;

const VIEW_COLUMN: Readonly<Record<Exclude<StatsView, 'total'>, 'clerk' | 'business' | 'batch_kind' | 'day'>> = { clerk: 'clerk', business: 'business', batchKind: 'batch_kind', day: 'day' };
const keyIn = (view: StatsView, cell: Pick<Cell, 'clerk' | 'business' | 'batch_kind' | 'day'>): string | null =>
  view === 'total' ? null : cell[VIEW_COLUMN[view]];

/** Snapshots are station-wide states: they split only by batch kind, and a clerk's own view has none. */
const SNAPSHOT_VIEWS: ReadonlySet<StatsView> = new Set(['total', 'batchKind']);

const DAY_MS = 86_400_000;

function countCells(db: Db, family: FactFamily, filter: FactFilter): FamilyCell[] {
  const counts = family.members.map((id) => `sum(CASE WHEN ${id} THEN value ELSE 0 END) AS ${id}`).join(', ');
  return db
    .prepare(`SELECT clerk, business, batch_kind, ${DAY_SQL} AS day, min(at) AS first_at, ${counts} FROM (${family.sql}) WHERE ${FILTER_SQL} GROUP BY 1, 2, 3, 4`)
    .all(factParams(filter)) as FamilyCell[];
}

function durationCells(db: Db, filter: FactFilter): Array<Omit<Cell, 'first_at'> & { seconds: number }> {
  return db
    .prepare(`SELECT clerk, business, batch_kind, ${DAY_SQL} AS day, seconds FROM (${FACTS.timeToFileMedian}) WHERE ${FILTER_SQL} AND seconds IS NOT NULL ORDER BY seconds`)
    .all(factParams(filter)) as Array<Omit<Cell, 'first_at'> & { seconds: number }>;
}

/** Figures of one view: line key → figure → value, before ratios and snapshots are filled in. */
type Lines = Map<string | null, Map<FigureId, number>>;

const lineOf = (lines: Lines, key: string | null) => {
  let line = lines.get(key);
  if (!line) lines.set(key, (line = new Map()));
  return line;
};

const compareKeys = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * Every figure in every view for the query's range and filters, from one grouped query per
 * family of figures that share their facts (the page figures read the pages once, not once
 * each): the views are rolled up from the same cells, so they always add up to the total.
 */
export function statsReport(db: Db, query: StatsQuery, scope: StatsScope, now: Date): StatsReport {
  const range = rangeOf(query, now);
  const filter = filterOf(query, range, scope);
  const views = new Map<StatsView, Lines>(STATS_VIEWS.map((v) => [v, new Map()]));
  lineOf(views.get('total')!, null); // the total line is there even when nothing happened
  const durations = new Map<StatsView, Map<string | null, number[]>>(STATS_VIEWS.map((v) => [v, new Map()]));
  const snapshots = new Map<StatsView, Lines>(STATS_VIEWS.map((v) => [v, new Map()]));

  for (const family of FACT_FAMILIES) {
    // A family's members are all counts or all snapshots.
    const how = FIGURES[family.members[0]!].how;
    if (how.kind === 'count') {
      for (const cell of countCells(db, family, filter)) {
        for (const view of STATS_VIEWS) {
          const line = lineOf(views.get(view)!, keyIn(view, cell));
          for (const id of family.members) line.set(id, (line.get(id) ?? 0) + cell[id]!);
        }
      }
    } else if (how.kind === 'snapshot' && scope.kind === 'station') {
      for (const cell of countCells(db, family, filter)) {
        for (const view of SNAPSHOT_VIEWS) {
          const line = lineOf(snapshots.get(view)!, keyIn(view, cell));
          for (const id of family.members) {
            const value = id === 'syncLagDays' ? Math.floor((now.getTime() - Date.parse(cell.first_at!)) / DAY_MS) : cell[id]!;
            line.set(id, id === 'syncLagDays' ? Math.max(line.get(id) ?? 0, value) : (line.get(id) ?? 0) + value);
          }
        }
      }
    }
  }
  for (const cell of durationCells(db, filter)) {
    for (const view of STATS_VIEWS) {
      const key = keyIn(view, cell);
      lineOf(views.get(view)!, key);
      const list = durations.get(view)!.get(key) ?? [];
      list.push(cell.seconds);
      durations.get(view)!.set(key, list);
    }
  }

  const viewRows = (view: StatsView): StatsRow[] => {
    const lines = views.get(view)!;
    for (const key of snapshots.get(view)!.keys()) lineOf(lines, key);
    return [...lines.keys()].sort(compareKeys).map((key) => {
      const counts = lines.get(key)!;
      const values = Object.fromEntries(FIGURE_IDS.map((id) => [id, valueOf(id, counts, durations.get(view)!.get(key) ?? [], snapshotValue(view, key, id))])) as Record<FigureId, number | null>;
      return { key, values };
    });
  };
  const snapshotValue = (view: StatsView, key: string | null, id: FigureId): number | null => {
    if (scope.kind === 'own' || !SNAPSHOT_VIEWS.has(view)) return null;
    return snapshots.get(view)!.get(key)?.get(id) ?? 0;
  };

  return {
    range,
    scope,
    generatedAt: now.toISOString(),
    views: Object.fromEntries(STATS_VIEWS.map((v) => [v, viewRows(v)])) as StatsReport['views'],
    rejectReasons: db.prepare(REJECT_REASONS).all(factParams(filter)) as StatsReport['rejectReasons'],
    backlog: scope.kind === 'station' ? backlogByDay(db, range) : null,
  };
}

function valueOf(id: FigureId, counts: ReadonlyMap<FigureId, number>, durations: readonly number[], snapshot: number | null): number | null {
  const how = FIGURES[id].how;
  switch (how.kind) {
    case 'count':
      return counts.get(id) ?? 0;
    case 'percentile':
      return nearestRank(durations, how.p);
    case 'ratio':
      return ratioValue(id, counts.get(how.numerator) ?? 0, counts.get(how.denominator) ?? 0);
    case 'snapshot':
      return snapshot;
  }
}
