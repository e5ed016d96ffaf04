import { percentile, type Box, type GrayImage } from './gray-image';

export interface SheetBounds {
  /** The sheet inside any dark border; the whole image when there is no border. */
  readonly box: Box;
  /** Typical paper brightness (90th percentile). */
  readonly paper: number;
  /** Median brightness of the dark border, or null when the sheet fills the image. */
  readonly border: number | null;
  /** The border's pixels (1 = border), or null when there is none. */
  readonly outside: Uint8Array | null;
}

/** Below this share of the image, dark pixels at the edge are shadows or specks, not a border. */
const MIN_BORDER_SHARE = 0.002;
/** A "sheet" smaller than this share of the image is no sheet (an all-black frame, a dark test page). */
const MIN_SHEET_SHARE = 0.1;

/**
 * Dark pixels connected to the image's edge: a scanner's black lid or background, a dark desk
 * under a document camera. Text is dark too but sits on paper, so it is not connected.
 */
export function darkOutside(img: GrayImage, darkBelow: number): Uint8Array {
  const { width: w, height: h, data } = img;
  const mask = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let top = 0;
  const seed = (i: number) => {
    if (mask[i] === 0 && data[i]! < darkBelow) {
      mask[i] = 1;
      stack[top++] = i;
    }
  };
  for (let x = 0; x < w; x++) {
    seed(x);
    seed((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    seed(y * w);
    seed(y * w + w - 1);
  }
  while (top > 0) {
    const i = stack[--top]!;
    const x = i % w;
    if (x > 0) seed(i - 1);
    if (x < w - 1) seed(i + 1);
    if (i >= w) seed(i - w);
    if (i < w * (h - 1)) seed(i + w);
  }
  return mask;
}

/**
 * Find the sheet on a dark background. Rows and columns count as sheet where at least half as
 * many pixels are inside as in the fullest one, so a corner of shadow or a stapled tab does not
 * widen the box. Null when no sheet stands out (the whole frame is dark).
 */
export function findSheet(img: GrayImage): SheetBounds | null {
  const { width: w, height: h } = img;
  const paper = percentile(img, 0.9);
  const full: Box = { x: 0, y: 0, width: w, height: h };
  if (paper < 64) return null;
  const outside = darkOutside(img, paper * 0.5);
  const rows = new Uint32Array(h);
  const cols = new Uint32Array(w);
  const darkValues: number[] = [];
  let outsideCount = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (outside[i]) {
        outsideCount++;
        if ((i & 63) === 0) darkValues.push(img.data[i]!);
      } else {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  if (outsideCount < MIN_BORDER_SHARE * w * h) return { box: full, paper, border: null, outside: null };
  const span = (profile: Uint32Array): [number, number] | null => {
    let max = 0;
    for (const v of profile) max = Math.max(max, v);
    let first = -1;
    let last = -1;
    for (let i = 0; i < profile.length; i++) {
      if (profile[i]! * 2 >= max && max > 0) {
        if (first < 0) first = i;
        last = i;
      }
    }
    return first < 0 ? null : [first, last];
  };
  const xs = span(cols);
  const ys = span(rows);
  if (!xs || !ys) return null;
  // One pixel in: the edge of a scanned sheet blends into the border over a pixel or two.
  const x = Math.min(xs[0] + 1, xs[1]);
  const y = Math.min(ys[0] + 1, ys[1]);
  const box: Box = { x, y, width: Math.max(1, xs[1] - 1 - x + 1), height: Math.max(1, ys[1] - 1 - y + 1) };
  if (box.width * box.height < MIN_SHEET_SHARE * w * h) return null;
  darkValues.sort((a, b) => a - b);
  return { box, paper, border: darkValues[darkValues.length >> 1] ?? 0, outside };
}
