import type { StatsReport } from '../../../shared/contract';
import type { ResolvedRange } from '../../../shared/stats/range';
import type { Db } from '../store/open-database';

const DAY_MS = 86_400_000;

/**
 * Each OCR job as a step of the backlog: +1 when it was queued, −1 when it last finished (read,
 * failed or cancelled), bucketed by station day of the range (−1: before it). One pass over the
 * jobs, whatever the range's length. Jobs keep their current state only, so a job that failed and
 * was queued again counts from its creation until it last finished.
 */
const STEPS = `
  SELECT CASE WHEN t < @from THEN -1 ELSE CAST((unixepoch(t) - unixepoch(@from)) / 86400 AS INTEGER) END AS bucket, sum(d) AS delta
  FROM (
    SELECT created_at AS t, 1 AS d FROM jobs WHERE kind = 'ocr' AND created_at < @to
    UNION ALL
    SELECT updated_at, -1 FROM jobs WHERE kind = 'ocr' AND state IN ('done', 'failed', 'cancelled') AND updated_at < @to
  )
  GROUP BY bucket`;

/** The OCR backlog at the end of each station day of the range (today: as it stands now). */
export function backlogByDay(db: Db, range: ResolvedRange): NonNullable<StatsReport['backlog']> {
  const steps = new Map((db.prepare(STEPS).all({ from: range.from, to: range.to }) as Array<{ bucket: number; delta: number }>).map((s) => [s.bucket, s.delta]));
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS);
  let backlog = steps.get(-1) ?? 0;
  return Array.from({ length: days }, (_, i) => {
    backlog += steps.get(i) ?? 0;
    return { day: dayName(range.fromDate, i), ocrBacklog: backlog };
  });
}

/** The i-th station day after `first` (YYYY-MM-DD; calendar arithmetic in UTC, no time zone involved). */
const dayName = (first: string, i: number): string => new Date(Date.parse(`${first}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);
