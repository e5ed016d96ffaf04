import { supervisionFile, type SupervisionFile } from '../../../shared/stats/supervision';
import type { Db } from '../store/open-database';
import { getStation } from '../store/repo/station';
import { FACTS } from './figure-facts';
import { DAY_SQL, factParams, statsReport } from './stats-report';

/**
 * The station's supervision.json for the station days [fromDate, toDate]: whole station, counts
 * per day, the time-to-file durations. The bag writer calls it with the period since the
 * previous bag, so a station's files never overlap.
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
