import type { GrayImage } from '../../../shared/imaging/gray-image';

/** The signature is a GRID×GRID map of the page's mean brightness: 256 bytes. */
const GRID = 16;
const SIGNATURE_BYTES = GRID * GRID;
/** Signatures correlated at least this much are the same sheet scanned again. */
export const SIMILAR_MIN_CORRELATION = 0.95;

/**
 * A perceptual signature of a page as it looks after straightening, cropping and turning upright:
 * the mean brightness of each cell of a 16×16 grid. Two scans of one sheet (sensor noise,
 * exposure, a slightly different skew or crop) give nearly proportional maps; two different
 * sheets, even of the same form, differ in where their writing is. Compared by correlation,
 * which ignores brightness and contrast.
 */
export function layoutSignature(img: GrayImage): Uint8Array {
  const sums = new Float64Array(SIGNATURE_BYTES);
  const counts = new Uint32Array(SIGNATURE_BYTES);
  const { width: w, height: h, data } = img;
  for (let y = 0; y < h; y++) {
    const row = Math.min(GRID - 1, Math.floor((y * GRID) / h)) * GRID;
    for (let x = 0; x < w; x++) {
      const c = row + Math.min(GRID - 1, Math.floor((x * GRID) / w));
      sums[c]! += data[y * w + x]!;
      counts[c]!++;
    }
  }
  return Uint8Array.from(sums, (s, i) => (counts[i] ? Math.round(s / counts[i]!) : 255));
}

/** Pearson correlation of two signatures (0 when either is flat: nothing to compare). */
export function signatureSimilarity(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= a.length;
  mb /= b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}
