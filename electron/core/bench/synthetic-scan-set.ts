import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { A4_300, onPaper, prng, type PageSize } from './synthetic-pages';
import { scannedSheet, type ScanLook } from './synthetic-scans';

/** What a generated page really is: the ground truth the pipeline's findings are scored against. */
export interface TruePage {
  readonly file: string;
  readonly blank: boolean;
  /** Index (in the set) of the page this one repeats: a rescan, or the same pixels again. */
  readonly repeats: number | null;
  /** Clockwise skew the sheet was given (degrees). */
  readonly angle: number;
  /** Quarter turn the sheet was fed with; the upright fix is the turn back. */
  readonly turn: 0 | 90 | 180 | 270;
}

/**
 * A feeder batch as a scanner delivers it, in JPEG files: forms skewed by up to ±5°, some on a
 * dark background, a few fed sideways or upside down, empty backsides with show-through and
 * specks, near-empty pages (one line) that are not blank, sheets scanned twice (another skew,
 * exposure and noise) and the same image saved again as PNG. Reproducible for a given size.
 */
export async function writeScanSet(dir: string, pages: number, size: PageSize = A4_300): Promise<TruePage[]> {
  await mkdir(dir, { recursive: true });
  const rand = prng(20_24);
  const truth: TruePage[] = [];
  const looks: Array<{ seed: number; look: ScanLook }> = [];
  const copied = new Set<number>();
  const add = async (name: string, bytes: Buffer, page: Omit<TruePage, 'file'>) => {
    const file = path.join(dir, `${String(truth.length + 1).padStart(4, '0')}-${name}`);
    await writeFile(file, bytes);
    truth.push({ file, ...page });
  };
  const jpeg = async (seed: number | null, look: ScanLook) => (await scannedSheet(seed, look, size)).jpeg({ quality: 90 }).toBuffer();
  for (let i = 0; truth.length < pages; i++) {
    const roll = rand();
    const earlier = looks.length > 0 ? Math.floor(rand() * looks.length) : -1;
    if (i % 12 === 5) {
      await add('blank.jpg', await jpeg(null, { noise: 0.002, noiseSeed: i, angle: (rand() - 0.5) * 4 }), { blank: true, repeats: null, angle: 0, turn: 0 });
    } else if (i % 12 === 9 && earlier >= 0) {
      const { seed, look } = looks[earlier]!;
      const angle = Math.round((rand() - 0.5) * 60) / 10;
      const again = { ...look, angle, noise: 0.001, noiseSeed: 1000 + i, exposure: 0.95 + rand() * 0.08 };
      await add('rescan.jpg', await jpeg(seed, again), { blank: false, repeats: truthIndex(truth, earlier), angle, turn: look.turn ?? 0 });
    } else if (i % 12 === 11 && earlier >= 0 && !copied.has(earlier)) {
      // Each form is saved again at most once: two identical files would be one import.
      copied.add(earlier);
      const source = truth[truthIndex(truth, earlier)]!;
      const png = await sharp(source.file).png({ compressionLevel: 1 }).toBuffer();
      await add('copy.png', png, { blank: false, repeats: truthIndex(truth, earlier), angle: source.angle, turn: source.turn });
    } else if (i % 12 === 7) {
      const line = `<rect x="${size.width * (0.1 + rand() * 0.3)}" y="${size.height * (0.1 + rand() * 0.7)}" width="${size.width * 0.3}" height="${size.height * 0.01}" fill="#202020"/>`;
      const oneLine = await onPaper(line, size)
        .jpeg({ quality: 90 })
        .withMetadata({ density: size.dpi })
        .toBuffer();
      await add('one-line.jpg', oneLine, { blank: false, repeats: null, angle: 0, turn: 0 });
    } else {
      const seed = 5000 + i;
      const turn = roll < 0.05 ? 180 : roll < 0.08 ? 90 : roll < 0.1 ? 270 : 0;
      const angle = roll < 0.75 ? Math.round((rand() - 0.5) * 100) / 10 : 0;
      const look: ScanLook = { angle, turn, border: rand() < 0.2 ? 0.03 : 0, noise: 0.0005, noiseSeed: i };
      looks.push({ seed, look });
      await add('form.jpg', await jpeg(seed, look), { blank: false, repeats: null, angle, turn });
    }
  }
  return truth;
}

/** Forms are appended to `looks` in the same order as they appear in the set. */
function truthIndex(truth: readonly TruePage[], formNumber: number): number {
  let seen = -1;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i]!.file.endsWith('-form.jpg') && ++seen === formNumber) return i;
  }
  throw new Error(`no form ${formNumber}`);
}
