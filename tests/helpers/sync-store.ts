import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { importPaths } from '../../electron/core/import/import-paths';
import type { CoreOptions } from '../../electron/core/core-api';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { closeBatch } from '../../electron/core/transfer/close-batch';
import { writeFixtureSet } from '../fixtures/make-files';

/** An original of about `megabytes` MB (uncompressible noise), large enough to go in parts. */
export async function writeNoisePng(file: string, megabytes: number, seed = 1): Promise<void> {
  const width = 1600;
  const height = Math.ceil((megabytes * 1024 * 1024) / (width * 3));
  const pixels = Buffer.alloc(width * height * 3);
  let s = seed;
  for (let i = 0; i < pixels.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    pixels[i] = s >>> 24;
  }
  await writeFile(file, await sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).withMetadata({ density: 300 }).toBuffer());
}

/** The good fixture files (7 pages) and, optionally, one large original; written once, imported by many stores. */
export async function writeSyncFixtures(dir: string, bigMegabytes?: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = Object.values((await writeFixtureSet(dir)).good);
  if (bigMegabytes) {
    const big = path.join(dir, 'large-scan.png');
    await writeNoisePng(big, bigMegabytes);
    files.push(big);
  }
  return files;
}

/** Import `files` into a new batch of an open store and close it, queued for transfer; its id. */
export async function queueBatch(ctx: CoreContext, files: readonly string[], name: string): Promise<string> {
  const batch = createBatch(ctx.db, ctx.actor, { name, kind: 'backfile', business: null });
  const result = await importPaths(ctx, batch.id, files);
  if (result.rejected.length > 0) throw new Error(`fixture import rejected ${result.rejected.map((r) => r.file).join(', ')}`);
  // The fixture's pages are sorted into no item: closed the way a backfile batch may be, by a recorded decision.
  const closed = await closeBatch(ctx, batch.id, { looseReason: '测试数据，未分件 / test data, not sorted into items' });
  if (closed.state !== 'queued') throw new Error(`batch not queued: ${JSON.stringify(closed.report.checks.filter((c) => !c.ok))}`);
  return batch.id;
}

/**
 * A store in `root` with one batch of `files`, closed and queued for transfer. Importing is the
 * slow part: tests that need many such stations make one and copy it (`copyStore`).
 */
export async function storeWithQueuedBatch(root: string, files: readonly string[], name = '网点 批次 1'): Promise<{ ctx: CoreContext; batchId: string; dataDir: string }> {
  const dataDir = path.join(root, 'data');
  const ctx = await openCoreContext({ dataDir, actor: 'clerk', workers: 1 });
  return { ctx, batchId: await queueBatch(ctx, files, name), dataDir };
}

/** Open a copy of a closed store (its files copied while no process has it open). */
export async function copyStore(template: string, root: string, options: Partial<CoreOptions> = {}): Promise<{ ctx: CoreContext; batchId: string; dataDir: string }> {
  const dataDir = path.join(root, 'data');
  await cp(template, dataDir, { recursive: true });
  const ctx = await openCoreContext({ ...options, dataDir, actor: 'clerk', workers: 1 });
  const batchId = ctx.db.prepare('SELECT batch_id FROM transfers LIMIT 1').pluck().get() as string;
  return { ctx, batchId, dataDir };
}

/** Make a closed store to copy from; returns its data directory. */
export async function queuedStoreTemplate(root: string, files: readonly string[]): Promise<string> {
  const { ctx, dataDir } = await storeWithQueuedBatch(root, files);
  await ctx.close();
  return dataDir;
}
