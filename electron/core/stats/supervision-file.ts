import { stationDate } from '../../../shared/stats/range';
import { supervisionFile, type SupervisionFile } from '../../../shared/stats/supervision';
import type { Db } from '../store/open-database';
import { getStation } from '../store/repo/station';
import { FACTS } from './figure-facts';
import { DAY_SQL, factParams, statsReport } from './stats-report';

/**
 * The station's supervision.json for the station days [fromDate, toDate]: whole station, counts
 * per day, the time-to-file durations.
 */
export function stationSupervision(db: Db, period: { readonly fromDate: string; readonly toDate: string }, now: Date): SupervisionFile {
  const query = { range: { preset: 'custom' as const, from: period.fromDate, to: period.toDate }, clerk: null, business: null, batchKind: null };
  const report = statsReport(db, query, { kind: 'station' }, now);
  const durations = db
    .prepare(`SELECT ${DAY_SQL} AS day, seconds FROM (${FACTS.timeToFileMedian}) WHERE seconds IS NOT NULL ORDER BY at, ref`)
    .all(factParams({ from: report.range.from, to: report.range.to, clerk: null, business: null, kind: null })) as SupervisionFile['timeToFile'];
  const station = getStation(db);
  return supervisionFile({ id: station.id, name: station.name, fonds: station.fonds }, report, durations);
}

/**
 * What a bag carries: the station's whole calendar month (station days) as of packaging. Every bag
 * of a month names the same period, so the centre keeps the latest and never counts a day twice,
 * without the station keeping any state about what it sent; the month's figures after its last
 * bag reach the centre only if another bag is packaged that month (docs/central-contract.md §2.3).
 */
export function bagSupervision(db: Db, now: Date): SupervisionFile {
  const month = stationDate(now).slice(0, 7);
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return stationSupervision(db, { fromDate: `${month}-01`, toDate: `${month}-${String(lastDay).padStart(2, '0')}` }, now);
}
