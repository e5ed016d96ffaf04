import type { StatsReport } from '../../../shared/contract';
import type { ResolvedRange } from '../../../shared/stats/range';
import type { Db } from '../store/open-database';

const DAY_MS = 86_400_000;

/** OCR jobs that have last finished (read, failed or cancelled); the index of finished jobs has this very condition. */
const FINISHED = `state IN ('done', 'failed', 'cancelled')`;

/**
 * Each OCR job as a step of the backlog within the range: +1 when it was queued, −1 when it last
 * finished, bucketed by station day of the range. Both halves read the range through an index, so
 * a month costs a month of jobs, whatever the store's history. Jobs keep their current state only,
 * so a job that failed and was queued again counts from its creation until it last finished.
 */
export const BACKLOG_STEPS = `
  SELECT CAST((unixepoch(t) - unixepoch(@from)) / 86400 AS INTEGER) AS bucket, sum(d) AS delta
  FROM (
    SELECT created_at AS t, 1 AS d FROM jobs WHERE kind = 'ocr' AND created_at >= @from AND created_at < @to
    UNION ALL
    SELECT updated_at, -1 FROM jobs WHERE kind = 'ocr' AND ${FINISHED} AND updated_at >= @from AND updated_at < @to
  )
  GROUP BY bucket`;

/**
 * The backlog as the range begins: jobs queued before it that had not finished before it — those
 * still waiting now, and those that finished since it began. Neither reads the history before
 * the range: the first are the backlog of today, the second the jobs finished since @from.
 */
export const BACKLOG_AT_START = `
  SELECT (SELECT count(*) FROM jobs WHERE kind = 'ocr' AND state IN ('queued', 'running') AND created_at < @from)
       + (SELECT count(*) FROM jobs WHERE kind = 'ocr' AND ${FINISHED} AND updated_at >= @from AND created_at < @from)`;

/** The OCR backlog at the end of each station day of the range (today: as it stands now). */
export function backlogByDay(db: Db, range: ResolvedRange): NonNullable<StatsReport['backlog']> {
  const steps = new Map((db.prepare(BACKLOG_STEPS).all({ from: range.from, to: range.to }) as Array<{ bucket: number; delta: number }>).map((s) => [s.bucket, s.delta]));
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS);
  let backlog = db.prepare(BACKLOG_AT_START).pluck().get({ from: range.from }) as number;
  return Array.from({ length: days }, (_, i) => {
    backlog += steps.get(i) ?? 0;
    return { day: dayName(range.fromDate, i), ocrBacklog: backlog };
  });
}

/** The i-th station day after `first` (YYYY-MM-DD; calendar arithmetic in UTC, no time zone involved). */
const dayName = (first: string, i: number): string => new Date(Date.parse(`${first}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);
