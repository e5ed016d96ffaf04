import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/core-api';
import { DATABASE_FILE, openCore } from '../../electron/core/open-core';
import { stationSupervision } from '../../electron/core/stats/supervision-file';
import { openDatabase } from '../../electron/core/store/open-database';
import { aggregateSupervision, SupervisionFile } from '../../shared/stats/supervision';
import type { StatsList, StatsReport, StatsRow } from '../../shared/contract';
import { signedInCaller } from '../helpers/desk-session';
import { seedStatsStation, STATS_PERSON } from '../helpers/stats-station';

let dir = '';
let core: Core | undefined;
let seeded: Promise<Awaited<ReturnType<typeof openStation>>> | undefined;
// The tests only read: they share one station, seeded once with a faked clock.
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  dir = await mkdtemp(path.join(os.tmpdir(), 'hpf-stats-'));
});
afterAll(async () => {
  vi.useRealTimers();
  await core?.close();
  await rm(dir, { recursive: true, force: true });
});

const RANGE = { preset: 'custom', from: '2026-03-02', to: '2026-03-03' } as const;

const station = () => (seeded ??= openStation());

async function openStation() {
  core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
  await seedStatsStation(core, dir, (iso) => vi.setSystemTime(new Date(iso)));
  // 2026-03-03 18:00 at the station.
  vi.setSystemTime(new Date('2026-03-03T10:00:00.000Z'));
  const admin = await signedInCaller(core);
  return { admin, as: (name: string, password: string) => signedInCaller(core!, { name, password }) };
}

const line = (rows: readonly StatsRow[], key: string | null) => rows.find((r) => r.key === key)?.values;

const pick = (values: StatsRow['values'] | undefined, ...ids: Array<keyof StatsRow['values']>) => Object.fromEntries(ids.map((id) => [id, values?.[id]]));

describe('supervision figures on a station whose answers are known by construction (see stats-station.ts)', () => {
  it('computes every figure for the station head, split by clerk, business, batch kind and station day', async () => {
    const { admin } = await station();
    const report = await admin.call<StatsReport>('stats.report', { range: RANGE });
    expect(report.scope).toEqual({ kind: 'station' });
    expect(report.range).toEqual({ fromDate: '2026-03-02', toDate: '2026-03-03', from: '2026-03-01T16:00:00.000Z', to: '2026-03-03T16:00:00.000Z' });
    const total = line(report.views.total, null);
    // 03-01 23:30 is outside; 03-02 00:00 (16:00 UTC the day before) is inside.
    expect(total).toEqual({
      pagesCaptured: 14, itemsFiled: 2, timeToFileMedian: 1800, timeToFileP90: 33000, filedWithMissing: 1,
      ocrBacklog: 0, pagesRead: 0, pagesLowConfidence: 0, lowConfidenceShare: null,
      qcPagesJudged: 7, qcPagesFailed: 2, qcPassRate: 5 / 7, qcBatchesRejected: 1, rescansRequested: 2,
      openBatches: 4, unackedBatches: 0, syncLagDays: 0,
      activeHours: 5, pagesPerHour: 14 / 5, blankPages: 1, duplicatePages: 1, lowDpiPages: 1,
      keyingsResolved: 1, keyingsDisagreed: 1, keyingDisagreementRate: 1, catalogueRowsLinked: 0, catalogueRowsUnmatched: 0,
    });
    const clerks = report.views.clerk;
    expect(clerks.map((r) => r.key)).toEqual(['admin', '张伟', '李明', '王芳', '赵强']);
    expect(pick(line(clerks, '王芳'), 'pagesCaptured', 'itemsFiled', 'timeToFileMedian', 'filedWithMissing', 'activeHours')).toEqual({ pagesCaptured: 3, itemsFiled: 1, timeToFileMedian: 33000, filedWithMissing: 0, activeHours: 1 });
    expect(pick(line(clerks, '李明'), 'pagesCaptured', 'itemsFiled', 'timeToFileMedian', 'filedWithMissing')).toEqual({ pagesCaptured: 2, itemsFiled: 1, timeToFileMedian: 1800, filedWithMissing: 1 });
    expect(pick(line(clerks, '张伟'), 'pagesCaptured', 'itemsFiled', 'activeHours')).toEqual({ pagesCaptured: 2, itemsFiled: 0, activeHours: 1 });
    // The archivist's production control: QC and rescans count for whoever captured the pages.
    expect(pick(line(clerks, '赵强'), 'pagesCaptured', 'activeHours', 'pagesPerHour', 'blankPages', 'duplicatePages', 'lowDpiPages', 'qcPagesJudged', 'qcPassRate', 'rescansRequested', 'qcBatchesRejected')).toEqual({
      pagesCaptured: 7, activeHours: 2, pagesPerHour: 3.5, blankPages: 1, duplicatePages: 1, lowDpiPages: 1, qcPagesJudged: 7, qcPassRate: 5 / 7, rescansRequested: 2, qcBatchesRejected: 1,
    });
    // The double entry was resolved by the administrator; snapshots are station-wide only.
    expect(pick(line(clerks, 'admin'), 'keyingsResolved', 'keyingDisagreementRate', 'pagesCaptured', 'openBatches')).toEqual({ keyingsResolved: 1, keyingDisagreementRate: 1, pagesCaptured: 0, openBatches: null });
    expect(report.views.business.map((r) => [r.key, r.values.pagesCaptured, r.values.itemsFiled])).toEqual([['TQ-GF', 2, 1], ['TQ-ZF', 3, 1], [null, 9, 0]]);
    expect(report.views.batchKind.map((r) => [r.key, r.values.pagesCaptured, r.values.itemsFiled, r.values.openBatches])).toEqual([['backfile', 7, 0, 1], ['counter', 7, 2, 3]]);
    expect(report.views.day.map((r) => [r.key, r.values.pagesCaptured, r.values.itemsFiled, r.values.qcPagesFailed, r.values.ocrBacklog])).toEqual([
      ['2026-03-02', 5, 2, 0, null],
      ['2026-03-03', 9, 0, 2, null],
    ]);
    expect(report.rejectReasons).toEqual([{ reason: 'skewed', count: 2 }]);
  });

  it('resolves today, this week and this month in station days, and narrows by business and batch kind', async () => {
    const { admin } = await station();
    const pagesIn = async (request: object) => line((await admin.call<StatsReport>('stats.report', request)).views.total, null)!.pagesCaptured;
    expect(await pagesIn({ range: { preset: 'today' } })).toBe(9);
    expect(await pagesIn({ range: { preset: 'week' } })).toBe(14); // Monday 03-02 on
    expect(await pagesIn({ range: { preset: 'month' } })).toBe(15);
    expect(await pagesIn({ range: { preset: 'custom', from: '2026-03-04', to: '2026-03-31' } })).toBe(0);
    expect(await pagesIn({ range: RANGE, business: 'TQ-ZF' })).toBe(3);
    expect(await pagesIn({ range: RANGE, batchKind: 'backfile' })).toBe(7);
    expect(await admin.raw('stats.report', { range: { preset: 'custom', from: '2026-03-05', to: '2026-03-01' } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('opens the facts behind a figure, one line of a view at a time, without any personal data', async () => {
    const { admin } = await station();
    const filed = await admin.call<StatsList>('stats.list', { range: RANGE, figure: 'itemsFiled' });
    expect(filed.facts.map((f) => [f.kind, f.label, f.clerk, f.business, f.at])).toEqual([
      ['item', 'J001-GJJ·2026-D30-TQ-0001', '王芳', 'TQ-ZF', '2026-03-02T01:10:00.000Z'],
      ['item', 'J001-GJJ·2026-D30-TQ-0002', '李明', 'TQ-GF', '2026-03-02T02:30:00.000Z'],
    ]);
    const durations = await admin.call<StatsList>('stats.list', { range: RANGE, figure: 'timeToFileP90' });
    expect(durations.facts.map((f) => [f.clerk, f.seconds])).toEqual([['王芳', 33000], ['李明', 1800]]);
    const day = await admin.call<StatsList>('stats.list', { range: RANGE, figure: 'pagesCaptured', view: 'day', key: '2026-03-02' });
    expect(day.facts.map((f) => [f.kind, f.clerk, f.label])).toEqual([
      ['page', '王芳', '柜台A #2'], ['page', '王芳', '柜台A #3'], ['page', '王芳', '柜台A #4'], ['page', '李明', '柜台B #1'], ['page', '李明', '柜台B #2'],
    ]);
    const pass = await admin.call<StatsList>('stats.list', { range: RANGE, figure: 'qcPassRate', limit: 3 });
    expect(pass).toMatchObject({ figure: 'qcPassRate', truncated: true });
    expect(pass.facts).toHaveLength(3);
    const open = await admin.call<StatsList>('stats.list', { range: RANGE, figure: 'openBatches', view: 'batchKind', key: 'counter' });
    expect(open.facts.map((f) => f.label)).toEqual(['柜台A', '柜台B', '柜台D']);
    const everything = JSON.stringify([filed, durations, day, pass, open]);
    for (const value of Object.values(STATS_PERSON)) expect(everything).not.toContain(value);
  });

  it('gives a clerk only their own figures and refuses another clerk’s, in the report and in the lists', async () => {
    const { as } = await station();
    const wang = await as('王芳', '135791');
    const own = await wang.call<StatsReport>('stats.report', { range: RANGE });
    expect(own.scope).toEqual({ kind: 'own', clerk: '王芳' });
    expect(own.views.clerk.map((r) => r.key)).toEqual(['王芳']);
    expect(pick(line(own.views.total, null), 'pagesCaptured', 'itemsFiled', 'qcPagesJudged', 'openBatches', 'ocrBacklog')).toEqual({ pagesCaptured: 3, itemsFiled: 1, qcPagesJudged: 0, openBatches: null, ocrBacklog: null });
    for (const method of ['stats.report', 'stats.list']) {
      expect(await wang.raw(method, { range: RANGE, clerk: '李明', figure: 'pagesCaptured' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const pages = await wang.call<StatsList>('stats.list', { range: RANGE, figure: 'pagesCaptured' });
    expect(pages.facts.map((f) => f.clerk)).toEqual(['王芳', '王芳', '王芳']);
    const batches = await wang.call<StatsList>('stats.list', { range: RANGE, figure: 'openBatches' });
    expect(batches.facts.map((f) => f.label)).toEqual(['柜台A']);
    // The archivist runs backfile production control for every operator.
    const zhao = await as('赵强', 'arch-pass');
    expect((await zhao.call<StatsReport>('stats.report', { range: RANGE, clerk: '王芳' })).scope).toEqual({ kind: 'station' });
  });

  it('writes supervision.json for a period and the centre aggregates it per station and month, counting a re-sent file once', async () => {
    await station();
    const db = openDatabase(path.join(dir, 'data', DATABASE_FILE));
    try {
      const now = new Date();
      const whole = stationSupervision(db, { fromDate: '2026-03-01', toDate: '2026-03-03' }, now);
      expect(SupervisionFile.parse(JSON.parse(JSON.stringify(whole)))).toEqual(whole);
      expect(whole.days.map((d) => [d.key, d.values.pagesCaptured, d.values.qcPassRate])).toEqual([['2026-03-01', 1, null], ['2026-03-02', 5, null], ['2026-03-03', 9, null]]);
      expect(whole.timeToFile).toEqual([{ day: '2026-03-02', seconds: 33000 }, { day: '2026-03-02', seconds: 1800 }]);
      expect(whole.snapshot).toEqual({ ocrBacklog: 0, openBatches: 4, unackedBatches: 0, syncLagDays: 0 });
      // Two bags, one re-sent, and another station's April: the same figures as one file for March.
      const first = stationSupervision(db, { fromDate: '2026-03-01', toDate: '2026-03-02' }, now);
      const second = stationSupervision(db, { fromDate: '2026-03-03', toDate: '2026-03-03' }, now);
      const other = { ...second, station: { id: 'S-other', name: '第二站', fonds: 'J002' }, days: second.days.map((d) => ({ ...d, key: '2026-04-01' })), timeToFile: [] };
      const months = aggregateSupervision([first, second, first, other]);
      expect(months).toHaveLength(2);
      const march = months.find((m) => m.month === '2026-03');
      const april = months.find((m) => m.month === '2026-04');
      expect(aggregateSupervision([whole])[0]).toEqual(march);
      expect(march).toMatchObject({ stationId: whole.station.id, month: '2026-03' });
      expect(pick(march!.values, 'pagesCaptured', 'itemsFiled', 'timeToFileMedian', 'timeToFileP90', 'qcPassRate', 'pagesPerHour', 'openBatches')).toEqual({
        pagesCaptured: 15, itemsFiled: 2, timeToFileMedian: 1800, timeToFileP90: 33000, qcPassRate: 5 / 7, pagesPerHour: 15 / 6, openBatches: 4,
      });
      expect(april).toMatchObject({ stationId: 'S-other', month: '2026-04', values: { pagesCaptured: 9, timeToFileMedian: null } });
    } finally {
      db.close();
    }
  });
});
