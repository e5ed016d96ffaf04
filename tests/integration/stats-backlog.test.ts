import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatsQuery } from '../../shared/contract/stats-api';
import { claimJob, finishJob } from '../../electron/core/ocr/ocr-queue';
import { statsReport } from '../../electron/core/stats/stats-report';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
  vi.useRealTimers();
});

/** 10:00 on a station day (UTC+8). */
const at = (day: string) => vi.setSystemTime(new Date(`${day}T02:00:00.000Z`));

describe('OCR backlog over time', () => {
  it('gives the backlog at the end of each station day of the range, from when jobs were queued and finished', async () => {
    at('2026-03-02');
    store = await openFilingStore(await tempDir(), 5);
    const { ctx } = store;
    expect(ctx.ocr.enqueue({}).queued).toBe(5);
    at('2026-03-03');
    for (let i = 0; i < 2; i++) finishJob(ctx.db, claimJob(ctx.db, 'test:1:R', 60_000)!.id);
    at('2026-03-05');
    ctx.ocr.cancel();
    at('2026-03-06');
    const report = (from: string, to: string, scope: Parameters<typeof statsReport>[2] = { kind: 'station' }) =>
      statsReport(ctx.db, StatsQuery.parse({ range: { preset: 'custom', from, to } }), scope, new Date()).backlog;

    expect(report('2026-03-01', '2026-03-06')).toEqual([
      { day: '2026-03-01', ocrBacklog: 0 },
      { day: '2026-03-02', ocrBacklog: 5 },
      { day: '2026-03-03', ocrBacklog: 3 },
      { day: '2026-03-04', ocrBacklog: 3 },
      { day: '2026-03-05', ocrBacklog: 0 },
      { day: '2026-03-06', ocrBacklog: 0 },
    ]);
    // A range starting later carries what was left from before it.
    expect(report('2026-03-04', '2026-03-04')).toEqual([{ day: '2026-03-04', ocrBacklog: 3 }]);
    // Station-wide: a clerk's own view has none.
    expect(report('2026-03-01', '2026-03-06', { kind: 'own', clerk: 'clerk-1' })).toBeNull();
  });
});
