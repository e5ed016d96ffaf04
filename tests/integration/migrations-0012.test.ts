import { describe, expect, it } from 'vitest';
import { generateStatsStore } from '../../electron/core/bench/stats-bench';
import { BACKLOG_AT_START, BACKLOG_STEPS } from '../../electron/core/stats/backlog-series';
import { FACT_FAMILIES, FACTS } from '../../electron/core/stats/figure-facts';
import { REJECT_REASONS } from '../../electron/core/stats/reject-reasons';
import { factParams } from '../../electron/core/stats/stats-report';
import { migrate } from '../../electron/core/store/migration';
import { storeAt } from '../helpers/migrated-store';

const VERSION = 12;
/** December of the generated year, in UTC as the station day (UTC+8) sets it. */
const MONTH = factParams({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z', clerk: null, business: null, kind: null });
/** Tables that grow with the pages, the events or the jobs: a month's view must not read them whole. */
const LARGE = ['jobs', 'events', 'pages', 'page_ocr', 'ocr_results', 'source_files', 'documents', 'items', 'keying_resolutions'];

/** The month view's queries over the facts of a period (the snapshots, states of now, are not). */
const MONTH_QUERIES: Record<string, string> = {
  ...Object.fromEntries(
    (['pagesCaptured', 'pagesRead', 'pagesLowConfidence', 'itemsFiled', 'timeToFileMedian', 'keyingsResolved', 'activeHours', 'rescansRequested'] as const).map((f) => [f, FACTS[f]]),
  ),
  // The report counts figures that share their facts in one pass over them.
  ...Object.fromEntries(FACT_FAMILIES.filter((f) => f.members.length > 1).map((f) => [`together:${f.members.join(',')}`, f.sql])),
  rejectReasons: REJECT_REASONS,
  backlogSteps: BACKLOG_STEPS,
  backlogAtStart: BACKLOG_AT_START,
};

/**
 * The plan's ways of reading a large table's history: a SCAN, a SEARCH by kind alone (every
 * imported file's event, every OCR job), or a range with only an upper end (everything before the
 * month's end). A range from the month's start on is allowed: for the month view, the current
 * month, that is the month (the backlog's start counts the jobs finished since then).
 */
function wholeReads(db: ReturnType<typeof storeAt>, sql: string): string[] {
  const details = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(MONTH) as Array<{ detail: string }>).map((r) => r.detail);
  const statement = sql.replace(/\s+/g, ' ');
  return details.filter((d) => {
    const m = /^(SCAN|SEARCH) (\w+)/.exec(d);
    if (!m) return false;
    // Plans name a table by its alias: the table is the word before the alias in the statement.
    const alias = m[2]!;
    const table = LARGE.includes(alias) ? alias : new RegExp(`\\b(\\w+) ${alias}\\b(?! *\\.)`).exec(statement)?.[1];
    if (table === undefined || !LARGE.includes(table)) return false;
    if (m[1] === 'SCAN') return true;
    const terms = /\(([^()]*)\)/.exec(d)?.[1]?.split(' AND ') ?? [];
    // Looked up by a record (an id, a reading's key) or by state (the jobs waiting now), or read from the month's start on.
    const keyed = terms.some((t) => /^\w+=\?$/.test(t) && t !== 'kind=?');
    const fromStart = terms.some((t) => />\?$/.test(t));
    return !keyed && !fromStart;
  });
}

describe('migration 0012 stats month indexes', () => {
  it('keeps the rows and lets every month query read its range through an index instead of the whole store', () => {
    // A year of generated work (pages, imports, filings, double entry, readings, OCR jobs), analysed as the bench's store is.
    const db = storeAt(VERSION - 1);
    generateStatsStore(db, 3000, 2000);
    const counts = () => LARGE.map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
    const before = counts();
    const whole = () => Object.fromEntries(Object.entries(MONTH_QUERIES).map(([name, sql]) => [name, wholeReads(db, sql)]).filter(([, reads]) => reads!.length > 0));

    // Without the indexes, the readings, the keyings and the backlog are read whole.
    expect(Object.keys(whole())).toEqual(expect.arrayContaining(['pagesRead', 'pagesLowConfidence', 'keyingsResolved', 'backlogSteps']));
    expect(migrate(db, VERSION)).toBe(VERSION);
    db.exec('ANALYZE');
    expect(counts()).toEqual(before);
    expect(whole()).toEqual({});
    db.close();
  });
});
