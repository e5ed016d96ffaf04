import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];

/**
 * A real 12-bit JPEG (extended sequential, SOF1), written byte by byte since no tool here writes
 * one: a 16 × 8 mid-grey page, two blocks whose level-shifted DC is 0 and whose ACs are all 0, so
 * each block is the one-bit DC code for category 0 and the one-bit EOB. A 12-bit decoder shows
 * it as grey 2048.
 */
function twelveBitJpeg(): Buffer {
  const quant = segment(0xdb, [0x00, ...Array<number>(64).fill(1)]);
  const frame = segment(0xc1, [12, 0, 8, 0, 16, 1, 1, 0x11, 0]);
  const oneCode = (tableClass: number) => [(tableClass << 4) | 0, 1, ...Array<number>(15).fill(0), 0x00];
  const huffman = segment(0xc4, [...oneCode(0), ...oneCode(1)]);
  const scan = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  // Two blocks × (DC "0" + EOB "0") = four zero bits, padded with ones.
  return Buffer.from([0xff, 0xd8, ...quant, ...frame, ...huffman, ...scan, 0x0f, 0xff, 0xd9]);
}

describe('JPEG variants', () => {
  it('decodes what the decoder can and refuses a 12-bit JPEG as unsupported_variant with a plain message, never as corrupt', async () => {
    const root = await tempDir();
    const twelve = path.join(root, '12位扫描.jpg');
    await writeFile(twelve, twelveBitJpeg());
    // The decoder this station has cannot read 12-bit samples (if a later sharp can, the file
    // must import instead, and this test says so).
    const decodable = await sharp(twelve).raw().toBuffer().then(() => true, () => false);
    const ordinary = path.join(root, '普通.jpg');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } }).jpeg().toFile(ordinary);
    const damaged = path.join(root, '损坏.jpg');
    const bytes = twelveBitJpeg();
    // The same file with its frame header cut short: damaged, not a variant.
    await writeFile(damaged, Buffer.concat([bytes.subarray(0, 2 + 67 + 6), Buffer.from([0xff, 0xd9])]));

    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'tester', workers: 1 });
    open.push(ctx);
    const batch = createBatch(ctx.db, 'tester', { name: 'b', kind: 'counter', business: null });
    const result = await importPaths(ctx, batch.id, [twelve, ordinary, damaged]);

    const rejected = Object.fromEntries(result.rejected.map((r) => [path.basename(r.file), r.error]));
    if (decodable) {
      expect(result.imported.map((f) => path.basename(f.file))).toContain('12位扫描.jpg');
    } else {
      expect(rejected['12位扫描.jpg']).toEqual({ code: 'unsupported_variant', message: 'JPEG 12 位精度不支持' });
    }
    expect(result.imported.map((f) => path.basename(f.file))).toContain('普通.jpg');
    expect(rejected['损坏.jpg']?.code).not.toBe('unsupported_variant');
  });
});
