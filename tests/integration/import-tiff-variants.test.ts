import { execFileSync } from 'node:child_process';
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

/** A scan-like test card: coloured blocks and dark bars on white, 240 × 160. */
const CARD = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="160"><rect width="100%" height="100%" fill="#fff"/>` +
    `<rect x="20" y="20" width="90" height="60" fill="#c00"/><rect x="130" y="30" width="80" height="100" fill="#036"/>` +
    `<rect x="20" y="110" width="90" height="20" fill="#111"/></svg>`,
);

/** Mean absolute grey difference between the stored page and the card. */
async function differenceFromCard(stored: Buffer): Promise<number> {
  const a = await sharp(CARD).greyscale().raw().toBuffer();
  const b = await sharp(stored).resize(240, 160, { fit: 'fill' }).greyscale().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('TIFF variants', () => {
  it('decodes what libvips can and refuses the rest as unsupported_variant, never as corrupt', async () => {
    const root = await tempDir();
    const card = path.join(root, 'card.png');
    await sharp(CARD).png().toFile(card);
    // ImageMagick's libtiff writes the variants archives and old scanners produce.
    const variants: Record<string, string[]> = {
      'bigtiff.tif': ['TIFF64:'],
      'planar.tif': ['-interlace', 'Plane', '-compress', 'LZW'],
      '16-bit.tif': ['-depth', '16'],
      'lab.tif': ['-colorspace', 'Lab'],
      'jpeg.tif': ['-compress', 'JPEG'],
      'lzma.tif': ['-compress', 'LZMA'],
      'zstd.tif': ['-compress', 'ZSTD'],
      '12-bit.tif': ['-depth', '12'],
    };
    const files: string[] = [];
    for (const [name, args] of Object.entries(variants)) {
      const out = path.join(root, name);
      const prefix = args[0]?.endsWith(':') ? args.shift()! : '';
      execFileSync('convert', [card, ...args, `${prefix}${out}`]);
      files.push(out);
    }
    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'tester', workers: 1 });
    open.push(ctx);
    const batch = createBatch(ctx.db, 'tester', { name: 'b', kind: 'counter', business: null });
    const result = await importPaths(ctx, batch.id, files);

    const rejected = Object.fromEntries(result.rejected.map((r) => [path.basename(r.file), r.error]));
    expect(Object.keys(rejected).sort()).toEqual(['12-bit.tif', 'lab.tif', 'lzma.tif', 'zstd.tif']);
    for (const error of Object.values(rejected)) expect(error.code).toBe('unsupported_variant');
    expect(rejected['lzma.tif']!.message).toBe('TIFF 压缩方式 LZMA 不支持');
    expect(rejected['zstd.tif']!.message).toBe('TIFF 压缩方式 ZSTD 不支持');
    expect(rejected['12-bit.tif']!.message).toBe('TIFF 每个采样 12 位不支持');
    // libvips reads Lab TIFFs with the wrong colours: refused rather than silently recoloured.
    expect(rejected['lab.tif']!.message).toBe('TIFF 色彩空间 CIELab 不支持');

    const pages = listPages(ctx.db, batch.id);
    expect(pages.map((p) => p.source.file)).toEqual(['bigtiff.tif', 'planar.tif', '16-bit.tif', 'jpeg.tif']);
    for (const page of pages) {
      expect([page.source.file, page.width, page.height]).toEqual([page.source.file, 240, 160]);
      expect([page.source.file, await differenceFromCard(await ctx.blobs.read(page.imageSha256)) < 12]).toEqual([page.source.file, true]);
    }
  });
});
