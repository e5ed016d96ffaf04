/**
 * The time ranges of the supervision figures. Days are the station's days: China keeps one time
 * zone (UTC+8, no daylight saving), so "today" at a counter in Urumqi is the same calendar day as
 * in Beijing, whatever the machine's own time zone says. Stored timestamps are UTC ISO strings.
 */

export const STATION_UTC_OFFSET_MINUTES = 8 * 60;
/** The same offset as an SQLite date modifier, for grouping stored UTC timestamps by station day. */
export const STATION_DAY_MODIFIER = '+8 hours';

export type RangePreset = 'today' | 'week' | 'month' | 'custom';

export interface ResolvedRange {
  /** First station day in the range, YYYY-MM-DD. */
  readonly fromDate: string;
  /** Last station day in the range (inclusive), YYYY-MM-DD. */
  readonly toDate: string;
  /** [from, to) as UTC ISO timestamps, comparable with the stored ones. */
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;
const OFFSET_MS = STATION_UTC_OFFSET_MINUTES * 60_000;

/** Midnight of a station day as a UTC instant. */
const dayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`) - OFFSET_MS;
const dateOf = (instant: number): string => new Date(instant + OFFSET_MS).toISOString().slice(0, 10);

export function stationDate(now: Date): string {
  return dateOf(now.getTime());
}

function fromDays(fromDate: string, toDate: string): ResolvedRange {
  return { fromDate, toDate, from: new Date(dayStart(fromDate)).toISOString(), to: new Date(dayStart(toDate) + DAY_MS).toISOString() };
}

/**
 * A preset's days around `now`: today; this week from Monday; this month from the 1st; a custom
 * range from and to the given days (inclusive), which must be in order.
 */
export function resolveRange(preset: RangePreset, now: Date, custom?: { readonly from: string; readonly to: string }): ResolvedRange {
  const today = stationDate(now);
  switch (preset) {
    case 'today':
      return fromDays(today, today);
    case 'week': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return fromDays(dateOf(dayStart(today) - weekday * DAY_MS), today);
    }
    case 'month':
      return fromDays(`${today.slice(0, 8)}01`, today);
    case 'custom': {
      if (!custom) throw new RangeError('a custom range needs from and to');
      if (custom.from > custom.to) throw new RangeError(`the range starts after it ends: ${custom.from} > ${custom.to}`);
      return fromDays(custom.from, custom.to);
    }
  }
}
