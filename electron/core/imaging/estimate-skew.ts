import type { GrayImage } from '../../../shared/imaging/gray-image';

export interface SkewEstimate {
  /** Clockwise rotation of the content in degrees; straighten by rotating by −angle. */
  readonly angle: number;
  /** How much the best angle's line profile stands out from the typical one (1 = not at all). */
  readonly confidence: number;
}

const MAX_ANGLE = 15;
const COARSE_STEP = 0.5;
const FINE_STEP = 0.05;
/** Enough edge points for a stable profile; more only costs time. */
const MAX_POINTS = 40_000;
const MIN_POINTS = 150;

/**
 * Projection-profile skew estimate. The bottom edges of ink (text baselines, table rules) are
 * projected along candidate angles; at the page's true angle they pile up into sharp rows, which
 * maximizes the sum of squared row counts. Coarse search over ±15°, then a fine search and a
 * parabola through the best three angles for sub-step accuracy.
 */
export function estimateSkew(img: GrayImage, inkBelow: number, ignore: Uint8Array | null): SkewEstimate {
  const { xs, ys } = edgePoints(img, inkBelow, ignore);
  if (xs.length < MIN_POINTS) return { angle: 0, confidence: 1 };
  const size = img.width + img.height + 2;
  const hist = new Int32Array(size * 2);
  const score = (deg: number): number => {
    const r = (deg * Math.PI) / 180;
    const cos = Math.cos(r);
    const sin = Math.sin(r);
    hist.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const bin = Math.round(ys[i]! * cos - xs[i]! * sin) + size;
      hist[bin]!++;
    }
    let sum = 0;
    for (let i = 0; i < hist.length; i++) sum += hist[i]! * hist[i]!;
    return sum;
  };
  const coarse: number[] = [];
  let best = 0;
  let bestScore = -1;
  for (let a = -MAX_ANGLE; a <= MAX_ANGLE + 1e-9; a += COARSE_STEP) {
    const s = score(a);
    coarse.push(s);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  let fineBest = best;
  let fineScore = bestScore;
  const fine = new Map<number, number>();
  for (let a = best - COARSE_STEP; a <= best + COARSE_STEP + 1e-9; a += FINE_STEP) {
    const key = Math.round(a / FINE_STEP);
    const s = score(key * FINE_STEP);
    fine.set(key, s);
    if (s > fineScore) {
      fineScore = s;
      fineBest = key * FINE_STEP;
    }
  }
  const k = Math.round(fineBest / FINE_STEP);
  const left = fine.get(k - 1);
  const right = fine.get(k + 1);
  let angle = fineBest;
  if (left !== undefined && right !== undefined) {
    const denom = left - 2 * fineScore + right;
    if (denom < 0) angle += (FINE_STEP * 0.5 * (left - right)) / denom;
  }
  coarse.sort((a, b) => a - b);
  const median = coarse[coarse.length >> 1]!;
  return { angle: round2(angle), confidence: median > 0 ? fineScore / median : 1 };
}

/** Ink pixels whose lower neighbour is paper: one point per stroke bottom, evenly thinned. */
function edgePoints(img: GrayImage, inkBelow: number, ignore: Uint8Array | null): { xs: Float32Array; ys: Float32Array } {
  const { width: w, height: h, data } = img;
  const margin = Math.round(Math.min(w, h) * 0.01);
  const found: number[] = [];
  for (let y = margin; y < h - margin - 1; y++) {
    for (let x = margin; x < w - margin; x++) {
      const i = y * w + x;
      if (data[i]! < inkBelow && data[i + w]! >= inkBelow && (ignore === null || (ignore[i] === 0 && ignore[i + w] === 0))) {
        found.push(i);
      }
    }
  }
  const stride = Math.max(1, found.length / MAX_POINTS);
  const n = Math.min(found.length, Math.floor(found.length / stride));
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const cx = w / 2;
  const cy = h / 2;
  for (let j = 0; j < n; j++) {
    const i = found[Math.floor(j * stride)]!;
    xs[j] = (i % w) - cx;
    ys[j] = Math.floor(i / w) - cy;
  }
  return { xs, ys };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
