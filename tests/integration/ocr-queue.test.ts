import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/contract';
import { importPaths } from '../../electron/core/import/import-paths';
import { claimJob, PRIORITY } from '../../electron/core/ocr/ocr-queue';
import { OcrService } from '../../electron/core/ocr/ocr-service';
import { SchemeSource } from '../../electron/core/filing/scheme-source';
import { readPageOcr } from '../../electron/core/ocr/page-ocr';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { pageStates } from '../../electron/core/store/repo/ocr-results';
import { listPages } from '../../electron/core/store/repo/pages';
import { nextEvent } from '../helpers/core-events';
import { useTempDirs } from '../helpers/temp-dir';

const FIXTURES = path.resolve('tests/fixtures/ocr');
const fixture = (name: string) => path.join(FIXTURES, `${name}.jpg`);
const tempDir = useTempDirs();

/** A store with a backfile batch (two pages) and a counter batch (one page, plus one shown in both). */
async function storeWithBatches(): Promise<{ ctx: CoreContext; counter: string; backfile: string }> {
  const ctx = await openCoreContext({ dataDir: path.join(await tempDir(), 'data'), workers: 1, actor: 'test' });
  const backfile = createBatch(ctx.db, 'test', { name: '存量', kind: 'backfile', business: null }).id;
  const counter = createBatch(ctx.db, 'test', { name: '柜台', kind: 'counter', business: null }).id;
  await importPaths(ctx, backfile, [fixture('loan-contract-04'), fixture('withdrawal-03')]);
  await importPaths(ctx, counter, [fixture('id-card-04'), fixture('withdrawal-03')]);
  return { ctx, counter, backfile };
}

const jobState = (ctx: CoreContext, id: string) => ctx.db.prepare('SELECT state, attempts FROM jobs WHERE id = ?').get(id);

describe('OCR queue', () => {
  it('queues one job per image, counter work first; a dead runner’s job is taken up again', async () => {
    const { ctx, counter, backfile } = await storeWithBatches();
    try {
      // Four pages, three distinct images (withdrawal-03 is in both batches).
      expect(ctx.ocr.enqueue({})).toEqual({ requested: 4, queued: 4, alreadyRead: 0 });
      expect(ctx.db.prepare("SELECT count(*) FROM jobs WHERE kind = 'ocr'").pluck().get()).toBe(3);

      // The shared image took the counter priority; the backfile-only page waits.
      const order: number[] = [];
      const first = claimJob(ctx.db, 'localhost:999999999:R_dead', 60_000)!;
      order.push(ctx.db.prepare('SELECT priority FROM jobs WHERE id = ?').pluck().get(first.id) as number);
      expect(order).toEqual([PRIORITY.counter]);
      // That claimant "crashed" (its process does not exist) while holding a long lease: a new
      // runner claims the job again; an expired lease is claimable too.
      const host = (await import('node:os')).hostname();
      ctx.db.prepare('UPDATE jobs SET lease_owner = ?, lease_until = ? WHERE id = ?').run(`${host}:999999999:R_dead`, Date.now() + 3_600_000, first.id);
      const again = claimJob(ctx.db, `${host}:${process.pid}:R_test`, 60_000)!;
      expect(again.id).toBe(first.id);
      expect(jobState(ctx, first.id)).toEqual({ state: 'running', attempts: 2 });
      ctx.db.prepare('UPDATE jobs SET lease_until = 0 WHERE id = ?').run(first.id);

      const events: CoreEvent[] = [];
      ctx.subscribe((e) => events.push(e));
      ctx.ocr.start({ auto: false });
      await ctx.ocr.whenIdle();

      for (const batchId of [counter, backfile]) {
        expect(pageStates(ctx.db, { batchId }).map((s) => s.state)).toEqual(['done', 'done']);
      }
      expect(ctx.db.prepare('SELECT count(*) FROM ocr_results').pluck().get()).toBe(3);
      expect(events.some((e) => e.type === 'ocr.page' && e.pageId !== null)).toBe(true);
      expect(events.filter((e) => e.type === 'ocr.progress').at(-1)).toMatchObject({ queued: 0, running: 0, done: 4 });

      // Asking again reads nothing twice.
      expect(ctx.ocr.enqueue({ batchId: counter })).toEqual({ requested: 2, queued: 0, alreadyRead: 2 });
      expect(ctx.ocr.status()).toMatchObject({ queued: 0, running: 0, done: 4, defaultEngine: 'ppocr' });

      // Each page's text, words and proposals come with engine and model.
      const idCard = listPages(ctx.db, counter)[0]!;
      const ocr = readPageOcr(ctx.db, new SchemeSource(ctx.db).current().body, idCard.id)!;
      expect(ocr).toMatchObject({ page: idCard.id, engine: 'ppocr', model: expect.stringMatching(/^PP-OCRv4/) });
      expect(ocr.proposals.find((p) => p.field === '证件号码')?.value).toBe('110105199312075284');
      // The card says only the number: its type is inferred, and says so.
      expect(ocr.proposals.find((p) => p.field === '证件类型')).toMatchObject({ value: '居民身份证', notes: [expect.stringContaining('推断')] });
      // The application form writes both choices after their printed labels.
      const form = listPages(ctx.db, counter)[1]!;
      const formProposals = readPageOcr(ctx.db, new SchemeSource(ctx.db).current().body, form.id)!.proposals;
      expect(formProposals.find((p) => p.field === '婚姻状况')).toMatchObject({ value: '未婚', notes: ['标签 label: 婚姻状况'] });
      expect(formProposals.find((p) => p.field === '证件类型')).toMatchObject({ value: '居民身份证', notes: ['标签 label: 证件类型'] });
    } finally {
      await ctx.close();
    }
  });

  it('cancels a batch’s work, and revives it when asked', async () => {
    const { ctx, backfile } = await storeWithBatches();
    try {
      ctx.ocr.enqueue({ batchId: backfile });
      expect(ctx.ocr.cancel(backfile)).toBe(2);
      expect(pageStates(ctx.db, { batchId: backfile }).map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
      // A plain request leaves cancelled work alone; revive puts it back.
      expect(ctx.ocr.enqueue({ batchId: backfile }).queued).toBe(2);
      expect(pageStates(ctx.db, { batchId: backfile }).map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
      ctx.ocr.enqueue({ batchId: backfile, revive: true });
      expect(pageStates(ctx.db, { batchId: backfile }).map((s) => s.state)).toEqual(['queued', 'queued']);
    } finally {
      await ctx.close();
    }
  });

  it('hands a job cut short by shutdown back to the queue, and a second runner finishes it', async () => {
    const { ctx, counter } = await storeWithBatches();
    const first = new OcrService(ctx);
    try {
      first.enqueue({ batchId: counter });
      const running = nextEvent(ctx, (e) => e.type === 'ocr.progress' && e.running > 0);
      first.start({ auto: false });
      await running;
      await first.close();
      expect(ctx.db.prepare("SELECT state FROM jobs WHERE kind = 'ocr' AND state = 'running'").all()).toEqual([]);

      const second = new OcrService(ctx);
      second.start({ auto: false });
      await second.whenIdle();
      await second.close();
      expect(pageStates(ctx.db, { batchId: counter }).map((s) => s.state)).toEqual(['done', 'done']);
    } finally {
      await ctx.close();
    }
  });
});
