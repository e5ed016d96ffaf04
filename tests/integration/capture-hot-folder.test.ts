import { appendFileSync, existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticJpeg, syntheticPdf } from '../../electron/core/bench/synthetic-pages';
import { HotFolderDriver, REJECTED_DIR, STORED_DIR } from '../../electron/core/capture/hot-folder/hot-folder-driver';
import { runScan } from '../../electron/core/capture/scan-session';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';
import { listRejections } from '../../electron/core/store/repo/source-files';
import { SMALL } from '../fixtures/make-files';
import { nextEvent } from '../helpers/core-events';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('hot folder (TWAIN/WIA vendor software on Windows)', () => {
  it('takes files only when complete, moves them out only once stored, and never stores one twice', async () => {
    const root = await tempDir();
    const folder = path.join(root, 'scans');
    await mkdir(folder);
    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'clerk', workers: 2 });
    open.push(ctx);
    const batch = createBatch(ctx.db, 'clerk', { name: 'hot', kind: 'counter', business: null });
    const form = await syntheticJpeg(3, SMALL);
    const contract = await syntheticPdf([4, 5], SMALL);
    await writeFile(path.join(folder, 'form.jpg'), form);
    await writeFile(path.join(folder, 'broken.jpg'), form.subarray(0, 300));
    // The vendor software is still writing this one: a piece more every time the folder is looked at.
    const pieces = Array.from({ length: 6 }, (_, i) => contract.subarray((i * contract.length) / 6, ((i + 1) * contract.length) / 6));
    await writeFile(path.join(folder, 'contract.pdf'), pieces.shift()!);
    const onPoll = (waiting: readonly string[]) => {
      if (waiting.includes('contract.pdf') && pieces.length > 0) appendFileSync(path.join(folder, 'contract.pdf'), pieces.shift()!);
    };

    const whenStored: Array<{ file: string; inFolder: boolean; piecesLeft: number }> = [];
    ctx.subscribe((e) => {
      if (e.type === 'scan.page') whenStored.push({ file: e.file, inFolder: existsSync(path.join(folder, e.file)), piecesLeft: pieces.length });
    });
    const driver = new HotFolderDriver({ stableMs: 150, pollMs: 40 }, true, onPoll);
    const controller = new AbortController();
    const settings = { device: `hotfolder:${folder}`, source: 'flatbed' as const, dpi: 300, mode: 'color' as const, post: { deskew: true, cropBorders: true, orient: true, ocrWanted: true } };
    const pageEvent = (file: string) => nextEvent(ctx, (e) => e.type === 'scan.page' && e.file === file);
    const firstThree = Promise.all(['form.jpg', 'broken.jpg', 'contract.pdf'].map(pageEvent));
    const running = runScan({ ...ctx, resolveDriver: () => ({ driver, device: folder }) }, { batchId: batch.id, settings }, controller.signal);
    await firstThree;
    // The same content dropped again is recognized and moved out without a second copy.
    const again = pageEvent('form again.jpg');
    await writeFile(path.join(folder, 'form again.jpg'), form);
    await again;
    controller.abort();
    const result = await running;

    expect(result.imported.map((f) => [f.file, f.pages])).toEqual([['form.jpg', 1], ['contract.pdf', 2]]);
    expect(result.duplicates.map((d) => d.file)).toEqual(['form again.jpg']);
    expect(result.rejected).toMatchObject([{ file: 'broken.jpg', error: { code: 'truncated' } }]);
    // Stopping a watch is how a hot-folder session ends normally.
    expect(result.state).toBe('done');
    // Each file was still in the folder when its commit was announced, and the growing one was
    // only taken once the writer had finished.
    expect(whenStored.every((w) => w.inFolder)).toBe(true);
    expect(whenStored.find((w) => w.file === 'contract.pdf')?.piecesLeft).toBe(0);
    expect((await readdir(folder)).sort()).toEqual([REJECTED_DIR, STORED_DIR].sort());
    expect((await readdir(path.join(folder, STORED_DIR))).sort()).toEqual(['contract.pdf', 'form again.jpg', 'form.jpg']);
    expect(await readdir(path.join(folder, REJECTED_DIR))).toEqual(['broken.jpg']);
    expect(listPages(ctx.db, batch.id)).toHaveLength(3);
    expect(listRejections(ctx.db, batch.id)).toMatchObject([{ file: 'broken.jpg' }]);
  });
});
