import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';
import { jbig2FromGroup4, pdfWithImage, type EmbeddedImage } from '../fixtures/pdf-with-image';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A drawing with shapes of several colours on white: its content is easy to tell from a blank. */
const W = 600;
const H = 400;
const DRAWING = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fff"/>` +
    `<rect x="60" y="50" width="220" height="150" fill="#c00"/><circle cx="420" cy="260" r="90" fill="#036"/>` +
    `<rect x="100" y="280" width="200" height="40" fill="#000"/></svg>`,
);

/** Page size in points that makes the image exactly 300 dpi, the resolution PDFs are rendered at. */
const at300 = (w: number, h: number): [number, number] => [(w * 72) / 300, (h * 72) / 300];

async function importOne(name: string, bytes: Uint8Array) {
  const root = await tempDir();
  const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'tester', workers: 1 });
  open.push(ctx);
  const batch = createBatch(ctx.db, 'tester', { name: 'b', kind: 'counter', business: null });
  const file = path.join(root, name);
  await writeFile(file, bytes);
  const result = await importPaths(ctx, batch.id, [file]);
  return { ctx, result, pages: listPages(ctx.db, batch.id) };
}

/** Mean absolute difference (0..255) between two images, compared as grey at the first one's size. */
async function meanDifference(a: Buffer | string, b: Buffer | string): Promise<number> {
  const { data, info } = await sharp(a).greyscale().raw().toBuffer({ resolveWithObject: true });
  const other = await sharp(b).resize(info.width, info.height, { fit: 'fill' }).greyscale().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += Math.abs(data[i]! - other[i]!);
  return sum / data.length;
}

/** The bytes of a little-endian one-strip TIFF's strip (tags 273 StripOffsets, 279 StripByteCounts). */
function firstStrip(tiff: Buffer): Buffer {
  const ifd = tiff.readUInt32LE(4);
  const tags = new Map<number, number>();
  for (let i = 0; i < tiff.readUInt16LE(ifd); i++) {
    const at = ifd + 2 + i * 12;
    tags.set(tiff.readUInt16LE(at), tiff.readUInt16LE(at + 2) === 3 ? tiff.readUInt16LE(at + 8) : tiff.readUInt32LE(at + 8));
  }
  const offset = tags.get(273)!;
  return tiff.subarray(offset, offset + tags.get(279)!);
}

describe('PDF pages whose images need pdf.js decoders beyond JPEG', () => {
  it('imports a JPEG 2000 page with its content', async () => {
    const dir = await tempDir();
    const png = path.join(dir, 'drawing.png');
    const jp2 = path.join(dir, 'drawing.jp2');
    await sharp(DRAWING).png().toFile(png);
    // ImageMagick with OpenJPEG writes the JP2 the way archive scanners do: an independent encoder.
    execFileSync('convert', [png, jp2]);
    const image: EmbeddedImage = { bytes: await readFile(jp2), width: W, height: H, filter: 'JPXDecode' };
    const { ctx, result, pages } = await importOne('jpx.pdf', await pdfWithImage(image, at300(W, H)));

    expect(result.rejected).toEqual([]);
    expect(pages).toHaveLength(1);
    const stored = await ctx.blobs.read(pages[0]!.imageSha256);
    expect(await meanDifference(png, stored)).toBeLessThan(6);
    // The comparison has teeth: a white page is far from the drawing.
    const white = await sharp({ create: { width: W, height: H, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(await meanDifference(png, white)).toBeGreaterThan(40);
    expect(pages[0]!.flags).not.toHaveProperty('blank');
    expect(pages[0]!.flags).not.toHaveProperty('renderSuspect');
  });

  it('imports a JBIG2 page with its content', async () => {
    const dir = await tempDir();
    const png = path.join(dir, 'drawing.png');
    const tif = path.join(dir, 'drawing-g4.tif');
    await sharp(DRAWING).png().toFile(png);
    // One strip of Group 4 (MMR) data, which a JBIG2 generic region may hold as it is.
    execFileSync('convert', [png, '-monochrome', '-compress', 'Group4', '-define', `tiff:rows-per-strip=${H}`, tif]);
    const g4 = firstStrip(await readFile(tif));
    const image: EmbeddedImage = {
      bytes: jbig2FromGroup4(g4, W, H),
      width: W,
      height: H,
      filter: 'JBIG2Decode',
      colorSpace: 'DeviceGray',
      bitsPerComponent: 1,
    };
    const { ctx, result, pages } = await importOne('jbig2.pdf', await pdfWithImage(image, at300(W, H)));
    expect(result.rejected).toEqual([]);
    const bilevel = await sharp(png).threshold(128).png().toBuffer();
    expect(await meanDifference(bilevel, await ctx.blobs.read(pages[0]!.imageSha256))).toBeLessThan(6);
    expect(pages[0]!.flags).not.toHaveProperty('renderSuspect');
  });

  it('flags a page whose image cannot be drawn as suspect, never as a blank backside', async () => {
    const broken: EmbeddedImage = { bytes: Buffer.from('not a JPEG 2000 codestream at all'), width: W, height: H, filter: 'JPXDecode' };
    const { result, pages } = await importOne('broken-image.pdf', await pdfWithImage(broken, at300(W, H)));
    expect(result.rejected).toEqual([]);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.flags).toMatchObject({ renderSuspect: true });
    expect(pages[0]!.flags).not.toHaveProperty('blank');
  });

  it('still calls a scanned blank backside blank', async () => {
    const paper = await sharp({ create: { width: W, height: H, channels: 3, background: '#fdfdfb' } }).jpeg().toBuffer();
    const image: EmbeddedImage = { bytes: paper, width: W, height: H, filter: 'DCTDecode', colorSpace: 'DeviceRGB', bitsPerComponent: 8 };
    const { pages } = await importOne('backside.pdf', await pdfWithImage(image, at300(W, H)));
    expect(pages[0]!.flags).toMatchObject({ blank: true });
    expect(pages[0]!.flags).not.toHaveProperty('renderSuspect');
  });
});
