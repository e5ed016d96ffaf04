import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { loadPdfLib } from '../util/load-on-use';

export interface PageSize {
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
}

/** A4 at 300 dpi, the size of a counter or backfile scan. */
export const A4_300: PageSize = { width: 2480, height: 3508, dpi: 300 };

/**
 * A small reproducible random source (xorshift32) for generated test and bench data. Zero is
 * xorshift's fixed point, so a zero seed runs from `zeroState` instead.
 */
export function prng(seed: number, zeroState = 1): () => number {
  let s = seed >>> 0 || zeroState;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Off-white paper of `size` with SVG `shapes` drawn on it. */
export function onPaper(shapes: string, size: Pick<PageSize, 'width' | 'height'>): Sharp {
  const { width, height } = size;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`;
  return sharp({ create: { width, height, channels: 3, background: '#fbfaf6' } }).composite([{ input: Buffer.from(svg) }]);
}

/**
 * A page that looks like a form to image code: dark text-line blocks, ruled table cells and a
 * red seal on off-white paper. Every seed gives different pixels, so no two pages are duplicates.
 */
export async function syntheticPageRaw(seed: number, size: PageSize = A4_300): Promise<Sharp> {
  const rand = prng(seed);
  const { width, height } = size;
  const margin = Math.round(width * 0.08);
  const shapes: string[] = [];
  let y = margin;
  while (y < height - margin * 1.5) {
    const lineHeight = Math.round(height * (0.008 + rand() * 0.004));
    let x = margin;
    while (x < width - margin) {
      const word = Math.round(width * (0.02 + rand() * 0.06));
      if (x + word > width - margin) break;
      shapes.push(`<rect x="${x}" y="${y}" width="${word}" height="${lineHeight}" fill="#1a1a1a"/>`);
      x += word + Math.round(width * 0.012);
    }
    y += lineHeight * (2.2 + rand());
    if (rand() < 0.08) {
      shapes.push(`<rect x="${margin}" y="${y}" width="${width - 2 * margin}" height="${lineHeight * 6}" fill="none" stroke="#222" stroke-width="3"/>`);
      y += lineHeight * 7;
    }
  }
  const r = Math.round(width * 0.07);
  shapes.push(
    `<circle cx="${width - margin - r}" cy="${height - margin - r}" r="${r}" fill="none" stroke="#d01818" stroke-width="${Math.round(r / 10)}"/>`,
  );
  return onPaper(shapes.join(''), size);
}

export async function syntheticJpeg(seed: number, size: PageSize = A4_300): Promise<Buffer> {
  return (await syntheticPageRaw(seed, size)).jpeg({ quality: 85 }).withMetadata({ density: size.dpi }).toBuffer();
}

export async function syntheticPng(seed: number, size: PageSize = A4_300): Promise<Buffer> {
  return (await syntheticPageRaw(seed, size)).png({ compressionLevel: 3 }).withMetadata({ density: size.dpi }).toBuffer();
}

/** A multi-page TIFF, as archive scanners write them. */
export async function syntheticTiff(seeds: readonly number[], size: PageSize = A4_300): Promise<Buffer> {
  const pages = await Promise.all(
    seeds.map(async (s) => (await syntheticPageRaw(s, size)).raw().toBuffer()),
  );
  const stacked = Buffer.concat(pages);
  return sharp(stacked, { raw: { width: size.width, height: size.height * seeds.length, channels: 3, pageHeight: size.height } })
    .tiff({ compression: 'jpeg', quality: 85, xres: size.dpi / 25.4, yres: size.dpi / 25.4 })
    .toBuffer();
}

/** A scanned-style PDF: one JPEG page image per A4 page. */
export async function syntheticPdf(seeds: readonly number[], size: PageSize = A4_300): Promise<Buffer> {
  const doc = await (await loadPdfLib()).PDFDocument.create();
  for (const seed of seeds) {
    const jpg = await doc.embedJpg(await syntheticJpeg(seed, size));
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(jpg, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await doc.save());
}

/**
 * A mixed import set of `pages` pages: 40 % single JPEGs, 20 % PNGs, 20 % in 4-page TIFFs,
 * 20 % in 4-page PDFs. Returns the number of pages written.
 */
export async function writeMixedSet(dir: string, pages: number, seedBase = 1): Promise<number> {
  await mkdir(dir, { recursive: true });
  let seed = seedBase;
  let written = 0;
  const jpegs = Math.round(pages * 0.4);
  const pngs = Math.round(pages * 0.2);
  const multi = Math.floor((pages - jpegs - pngs) / 8);
  for (let i = 0; i < jpegs; i++, written++) await writeFile(path.join(dir, `scan-${i + 1}.jpg`), await syntheticJpeg(seed++));
  for (let i = 0; i < pngs; i++, written++) await writeFile(path.join(dir, `photo-${i + 1}.png`), await syntheticPng(seed++));
  for (let i = 0; i < multi; i++, written += 4) {
    await writeFile(path.join(dir, `archive-${i + 1}.tif`), await syntheticTiff([seed++, seed++, seed++, seed++]));
  }
  const rest = pages - written;
  for (let i = 0; rest - i * 4 > 0; i++) {
    const n = Math.min(4, rest - i * 4);
    const seeds = Array.from({ length: n }, () => seed++);
    await writeFile(path.join(dir, `contract-${i + 1}.pdf`), await syntheticPdf(seeds));
    written += n;
  }
  return written;
}
