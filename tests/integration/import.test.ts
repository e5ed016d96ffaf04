import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/contract';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages, getPage } from '../../electron/core/store/repo/pages';
import { listRejections } from '../../electron/core/store/repo/source-files';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { execFileSync } from 'node:child_process';
import { syntheticPdf } from '../../electron/core/bench/synthetic-pages';
import { SMALL, writeFixtureSet } from '../fixtures/make-files';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function setup() {
  const root = await tempDir();
  const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'tester', workers: 2 });
  open.push(ctx);
  const batch = createBatch(ctx.db, 'tester', { name: 'b1', kind: 'counter', business: null });
  const input = path.join(root, 'in');
  await import('node:fs/promises').then((fs) => fs.mkdir(input));
  return { root, ctx, batch, input };
}

describe('import', () => {
  it('keeps the good files of a folder and rejects each bad one with a clear code', async () => {
    const { ctx, batch, input } = await setup();
    const set = await writeFixtureSet(input);
    const events: CoreEvent[] = [];
    ctx.subscribe((e) => events.push(e));
    const result = await importPaths(ctx, batch.id, [input]);

    expect(result.imported.map((f) => [path.basename(f.file), f.pages]).sort()).toEqual(
      [['archive-3pages.tif', 3], ["id card 'copy'.png", 1], ['合同-2页.pdf', 2], ['申请表 scan (1).jpg', 1]].sort(),
    );
    const codes = Object.fromEntries(result.rejected.map((r) => [path.basename(r.file), r.error.code]));
    expect(codes).toEqual({
      'empty.png': 'empty_file',
      'truncated.jpg': 'truncated',
      'notes.jpg': 'unsupported_type',
      'archive.pdf': 'unsupported_type',
      'broken.pdf': 'pdf_corrupt',
    });
    for (const r of result.rejected) expect(r.error.message.length).toBeGreaterThan(5);

    const pages = listPages(ctx.db, batch.id);
    expect(pages).toHaveLength(7);
    expect(pages.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const pdfPages = pages.filter((p) => p.source.file === '合同-2页.pdf');
    expect(pdfPages.map((p) => p.source.pageIndex)).toEqual([0, 1]);
    expect(pdfPages.every((p) => p.dpi === 300)).toBe(true);
    expect(pages.filter((p) => p.source.file === 'archive-3pages.tif').map((p) => p.source.pageIndex)).toEqual([0, 1, 2]);

    // The original is kept byte for byte and addressed by its hash.
    const jpeg = result.imported.find((f) => f.file === set.good.jpeg)!;
    expect(await ctx.blobs.read(jpeg.sha256)).toEqual(await readFile(set.good.jpeg));

    // Every page has a decodable normalized image and thumbnail.
    for (const p of pages) {
      const meta = await sharp(await ctx.blobs.read(p.imageSha256)).metadata();
      expect([meta.width, meta.height]).toEqual([p.width, p.height]);
      expect((await sharp(await ctx.blobs.read(p.thumbSha256)).metadata()).width).toBeLessThanOrEqual(320);
    }
    expect(getPage(ctx.db, pdfPages[0]!.id)!.steps).toContainEqual({ op: 'rasterize', dpi: 300 });

    expect(listRejections(ctx.db, batch.id)).toHaveLength(5);
    const progress = events.filter((e) => e.type === 'import.progress');
    expect(progress).toHaveLength(9);
    expect(progress.at(-1)).toMatchObject({ done: 9, total: 9 });
    expect((await verifyStore(ctx.db, ctx.blobs)).ok).toBe(true);
  });

  it('recognizes identical content imported again and stores it once', async () => {
    const { ctx, batch, input } = await setup();
    const set = await writeFixtureSet(input);
    await importPaths(ctx, batch.id, [set.good.jpeg, set.good.pdf2]);
    const copy = path.join(input, 'same bytes, other name.jpg');
    await writeFile(copy, await readFile(set.good.jpeg));
    const again = await importPaths(ctx, batch.id, [set.good.jpeg, copy, set.good.png]);
    expect(again.duplicates.map((d) => d.file)).toEqual([set.good.jpeg, copy]);
    expect(again.imported.map((f) => f.file)).toEqual([set.good.png]);
    expect(listPages(ctx.db, batch.id)).toHaveLength(4);
    const count = ctx.db.prepare('SELECT count(*) FROM source_files').pluck().get();
    expect(count).toBe(3);
  });

  it('refuses decompression bombs, password-protected PDFs and missing paths', async () => {
    const { ctx, batch, input, root } = await setup();
    const bomb = path.join(input, 'bomb.png');
    await sharp({ create: { width: 12000, height: 12000, channels: 3, background: '#fff' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toFile(bomb);
    const missing = path.join(root, 'no such file.jpg');
    const dangling = path.join(input, 'dangling.jpg');
    await symlink(path.join(root, 'gone'), dangling);
    const plain = path.join(input, 'plain.pdf');
    await writeFile(plain, await syntheticPdf([7], SMALL));
    const locked = path.join(input, 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    const result = await importPaths(ctx, batch.id, [bomb, missing, dangling, locked]);
    const codes = new Map(result.rejected.map((r) => [r.file, r.error.code]));
    expect(codes).toEqual(
      new Map([
        [missing, 'not_found'],
        [dangling, 'not_found'],
        [bomb, 'too_many_pixels'],
        [locked, 'pdf_encrypted'],
      ]),
    );
    expect(result.imported).toEqual([]);
    // Nothing half-written: rejected originals never reach the object store.
    expect(ctx.db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(0);
  });

  it('keeps page order of the input when files finish out of order', async () => {
    const { ctx, batch, input } = await setup();
    const set = await writeFixtureSet(input);
    const order = [set.good.pdf2, set.good.jpeg, set.good.tiff3, set.good.png];
    await importPaths(ctx, batch.id, order);
    const files = listPages(ctx.db, batch.id).map((p) => p.source.file);
    expect([...new Set(files)]).toEqual(order.map((f) => path.basename(f)));
  });
});
