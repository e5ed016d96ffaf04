import { OcrEngineName, type PageOcrStatus } from '../../../../shared/contract';
import { pageStates } from '../../store/repo/ocr-results';
import { listBatches } from '../../store/repo/batches';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { resolveBatch } from './list';

export const ocrCommand: Command = {
  name: 'ocr',
  usage: 'ocr [--batch ID|NAME] [--wait] [--engine ppocr|tesseract] [--retry]',
  summary: '识别待处理的页面 / run pending OCR jobs (counter batches first)',
  options: { batch: { type: 'string' }, wait: { type: 'boolean' }, engine: { type: 'string' }, retry: { type: 'boolean' } },
  async run({ open, io, values }) {
    const engine = values.engine === undefined ? undefined : OcrEngineName.safeParse(values.engine);
    if (engine && !engine.success) throw new UsageError(`ocr: --engine 应为 / must be ppocr or tesseract, not “${String(values.engine)}”`);
    const ctx = await open({ workers: 1 });
    try {
      const batchId = values.batch === undefined ? undefined : resolveBatch(ctx, values.batch as string);
      const revive = values.retry === true;
      // Pages never asked for are queued; a batch, an engine or --retry asks again for the
      // batch's pages (the engine's results already stored are reused, never read twice).
      const scope = batchId === undefined ? listBatches(ctx.db).map((b) => b.id) : [batchId];
      if (batchId === undefined && !engine && !revive) ctx.ocr.enqueue({});
      else for (const id of scope) ctx.ocr.enqueue({ batchId: id, engine: engine?.data, revive });

      const total = ctx.ocr.openJobs();
      let read = 0;
      ctx.subscribe((event) => {
        if (event.type !== 'ocr.progress') return;
        read = Math.max(read, total - ctx.ocr.openJobs());
        io.progress(read, total, '识别 OCR');
      });
      const t0 = performance.now();
      ctx.ocr.start({ auto: false, batchId });
      if (values.wait === true) await ctx.ocr.drain();
      else await ctx.ocr.whenIdle();
      const minutes = (performance.now() - t0) / 60_000;

      const states = scope.flatMap((id) => pageStates(ctx.db, { batchId: id }));
      const count = (state: PageOcrStatus['state']) => states.filter((s) => s.state === state).length;
      const failed = states.filter((s) => s.state === 'failed').map((s) => ({ page: s.page, error: s.error }));
      const result = {
        done: count('done'),
        failed,
        pending: count('queued') + count('running'),
        cancelled: count('cancelled'),
        read,
        workers: ctx.ocr.workers,
        pagesPerMinute: read > 0 ? Math.round((read / minutes) * 10) / 10 : 0,
      };
      io.result(result, () =>
        [
          `已识别 done: ${result.done} 页 pages（本次 this run: ${read}，${result.pagesPerMinute} 页/分钟 pages/min）`,
          `待处理 pending: ${result.pending}${result.pending > 0 ? '（由其他进程处理中，可加 --wait 等待 / held by another process; add --wait）' : ''}`,
          `失败 failed: ${failed.length}`,
          ...failed.map((f) => `  ✗ ${f.page}  ${f.error ?? ''}`),
        ].join('\n'),
      );
      if (failed.length === 0) return 0;
      return result.done > 0 ? 2 : 1;
    } finally {
      await ctx.close();
    }
  },
};
