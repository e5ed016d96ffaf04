import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function importFiles(files: Record<string, Buffer>) {
  const root = await tempDir();
  const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'tester', workers: 1 });
  open.push(ctx);
  const batch = createBatch(ctx.db, 'tester', { name: 'b', kind: 'counter', business: null });
  const paths: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    paths.push(path.join(root, name));
    await writeFile(paths.at(-1)!, bytes);
  }
  return { ctx, batch, paths, result: await importPaths(ctx, batch.id, paths) };
}

/** A grey ramp `width` × `height`: every column a different shade, as test suites' gradient strips are. */
function gradient(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = Math.round((x * 255) / Math.max(1, width - 1));
  return sharp(data, { raw: { width, height, channels: 1 } }).png().toBuffer();
}

describe('images of unusual shapes', () => {
  it('imports a 256 × 1 gradient strip and a 1 × 256 one', async () => {
    const { ctx, batch, result } = await importFiles({ 'strip.png': await gradient(256, 1), 'column.png': await gradient(1, 256) });
    expect(result.rejected).toEqual([]);
    const pages = listPages(ctx.db, batch.id);
    expect(pages.map((p) => [p.width, p.height])).toEqual([[256, 1], [1, 256]]);
  });
});
