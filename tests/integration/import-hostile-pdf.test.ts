import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { SMALL } from '../fixtures/make-files';
import { endlessPdf, hugeImagePdf, pdfWithoutPageObjects } from '../fixtures/pdf-with-image';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A store with short media time limits, a batch, and files written into a folder of their own. */
async function setup(files: Record<string, Uint8Array>, options: { workers?: number; stepMs?: number } = {}) {
  const root = await tempDir();
  const ctx = await openCoreContext({
    dataDir: path.join(root, 'data'),
    actor: 'tester',
    workers: options.workers ?? 1,
    mediaStepTimeLimitMs: options.stepMs,
  });
  open.push(ctx);
  const batch = createBatch(ctx.db, 'tester', { name: 'b', kind: 'counter', business: null });
  const paths: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join(root, name);
    await writeFile(file, bytes);
    paths.push(file);
  }
  return { ctx, batch, paths };
}

describe('hostile PDFs fail alone, within limits', () => {
  it('stops a PDF whose operator list never ends at the time limit; the files after it are imported', async () => {
    const { ctx, batch, paths } = await setup(
      { 'endless.pdf': await endlessPdf(), 'good.jpg': await syntheticJpeg(3, SMALL) },
      { stepMs: 4000 },
    );
    const started = Date.now();
    const result = await importPaths(ctx, batch.id, paths);
    expect(result.rejected.map((r) => [path.basename(r.file), r.error.code])).toEqual([['endless.pdf', 'timed_out']]);
    expect(result.imported.map((f) => path.basename(f.file))).toEqual(['good.jpg']);
    // Stopped by the limit, not by the test's own timeout.
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(listPages(ctx.db, batch.id)).toHaveLength(1);
    expect((await verifyStore(ctx.db, ctx.blobs)).ok).toBe(true);
    // The worker that was stopped has been replaced: the pool still takes work.
    const again = await importPaths(ctx, batch.id, [paths[1]!]);
    expect(again.duplicates).toHaveLength(1);
  });

  it('rejects a small page embedding a 30 000 × 30 000 image by the pixel rule, and keeps the rest', async () => {
    const { ctx, batch, paths } = await setup({ 'bomb.pdf': await hugeImagePdf(30_000), 'good.jpg': await syntheticJpeg(4, SMALL) });
    const result = await importPaths(ctx, batch.id, paths);
    expect(result.rejected.map((r) => [path.basename(r.file), r.error.code])).toEqual([['bomb.pdf', 'too_many_pixels']]);
    expect(result.imported.map((f) => path.basename(f.file))).toEqual(['good.jpg']);
    expect(ctx.db.prepare('SELECT count(*) FROM source_files').pluck().get()).toBe(1);
  });

  it('rejects a PDF without page objects instead of importing an empty letter-size page', async () => {
    const { ctx, batch, paths } = await setup({ 'no-pages.pdf': pdfWithoutPageObjects() });
    const result = await importPaths(ctx, batch.id, paths);
    expect(result.rejected.map((r) => r.error.code)).toEqual(['pdf_empty']);
    expect(listPages(ctx.db, batch.id)).toEqual([]);
  });
});
