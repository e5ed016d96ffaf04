import { rotateGray90, type GrayImage } from '../../../shared/imaging/gray-image';

export interface Orientation {
  /** Clockwise turn that makes the page upright: 0, 90, 180 or 270. */
  readonly degrees: 0 | 90 | 180 | 270;
  /** 0..1; 0 when the page shows no readable line structure (then it is left as it is). */
  readonly confidence: number;
}

/** Lines whose ends lie within this share of the text width of the extreme count as aligned. */
const ALIGN_TOLERANCE = 0.015;
const MIN_LINES = 4;
/** How much more line-like one direction must be than the other before a page counts as sideways. */
const SIDEWAYS_RATIO = 1.6;
/** Net share of aligned line starts over aligned ends needed to call a page upside down. */
const FLIP_MARGIN = 0.25;

/**
 * Text-line analysis. Lines run along the direction whose ink profile alternates more sharply
 * (lines and the gaps between them); a page whose lines run vertically is sideways. Which end is
 * up comes from alignment: documents, forms and letters are set flush left and ragged right, so
 * upside down the line ends align and the starts do not. Undecided pages stay as they are.
 */
export function detectOrientation(img: GrayImage, inkBelow: number): Orientation {
  const ink = inkMask(img, inkBelow);
  const rowRough = roughness(profile(ink, img.width, img.height, 'rows'));
  const colRough = roughness(profile(ink, img.width, img.height, 'cols'));
  if (rowRough === 0 && colRough === 0) return { degrees: 0, confidence: 0 };
  const sideways = colRough > rowRough * SIDEWAYS_RATIO;
  const base = sideways ? rotateGray90(img, 1) : img;
  const flip = flushLeftScore(base, inkBelow);
  if (flip === null) return { degrees: 0, confidence: 0 };
  if (!sideways) {
    if (flip < -FLIP_MARGIN) return { degrees: 180, confidence: Math.min(1, -flip) };
    return { degrees: 0, confidence: flip > FLIP_MARGIN ? Math.min(1, flip) : 0 };
  }
  // Sideways with no clear up: leave it, a wrong quarter turn is worse than none.
  if (flip > FLIP_MARGIN) return { degrees: 90, confidence: Math.min(1, flip) };
  if (flip < -FLIP_MARGIN) return { degrees: 270, confidence: Math.min(1, -flip) };
  return { degrees: 0, confidence: 0 };
}

function inkMask(img: GrayImage, inkBelow: number): Uint8Array {
  const mask = new Uint8Array(img.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = img.data[i]! < inkBelow ? 1 : 0;
  return mask;
}

function profile(mask: Uint8Array, w: number, h: number, along: 'rows' | 'cols'): Float64Array {
  const out = new Float64Array(along === 'rows' ? h : w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) if (mask[y * w + x]) out[along === 'rows' ? y : x]!++;
  }
  return out;
}

/** Mean squared step between neighbours relative to the mean squared value. */
function roughness(p: Float64Array): number {
  let steps = 0;
  let squares = 0;
  for (let i = 1; i < p.length; i++) {
    steps += (p[i]! - p[i - 1]!) ** 2;
    squares += p[i]! ** 2;
  }
  return squares === 0 ? 0 : steps / squares;
}

/**
 * (aligned starts − aligned ends) / lines over the text lines of an image whose lines run
 * horizontally: positive when flush left (upright), negative when upside down. Null without
 * enough lines to judge.
 */
function flushLeftScore(img: GrayImage, inkBelow: number): number | null {
  const { width: w, height: h, data } = img;
  const rowInk = new Uint32Array(h);
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 0; x < w; x++) if (data[y * w + x]! < inkBelow) n++;
    rowInk[y] = n;
  }
  const lines: Array<{ start: number; end: number }> = [];
  let y = 0;
  while (y < h) {
    if (rowInk[y]! < 2) {
      y++;
      continue;
    }
    const top = y;
    while (y < h && rowInk[y]! >= 2) y++;
    const bottom = y;
    if (bottom - top < 2) continue;
    let start = w;
    let end = -1;
    for (let yy = top; yy < bottom; yy++) {
      for (let x = 0; x < w; x++) {
        if (data[yy * w + x]! < inkBelow) {
          if (x < start) start = x;
          if (x > end) end = x;
        }
      }
    }
    lines.push({ start, end });
  }
  if (lines.length < MIN_LINES) return null;
  const minStart = Math.min(...lines.map((l) => l.start));
  const maxEnd = Math.max(...lines.map((l) => l.end));
  const tol = Math.max(2, (maxEnd - minStart) * ALIGN_TOLERANCE);
  const starts = lines.filter((l) => l.start - minStart <= tol).length;
  const ends = lines.filter((l) => maxEnd - l.end <= tol).length;
  return (starts - ends) / lines.length;
}
