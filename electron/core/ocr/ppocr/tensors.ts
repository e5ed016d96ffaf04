import type { RgbImage } from '../engine';

/*
 * Model inputs are filled straight into Float32Arrays (NCHW). PaddleOCR trained on OpenCV's BGR
 * pixel order, so channel 0 is blue.
 */

const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

/** The detection input: ImageNet mean/std normalization of an image already at model size. */
export function detectionTensor(image: RgbImage): Float32Array {
  const { data, width, height } = image;
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const src = 2 - c; // BGR from RGB
    const scale = 1 / (255 * DET_STD[c]!);
    const shift = DET_MEAN[c]! / DET_STD[c]!;
    const base = c * plane;
    for (let i = 0; i < plane; i++) out[base + i] = data[i * 3 + src]! * scale - shift;
  }
  return out;
}

/** The model-size detection input for a page: long side `longSide`, both sides multiples of 32. */
export function detectionSize(width: number, height: number, longSide: number): { width: number; height: number } {
  const ratio = longSide / Math.max(width, height);
  const round32 = (v: number) => Math.max(32, Math.round((v * ratio) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}

/** A line crop in page pixels: [x0, y0, x1, y1]. */
export type Crop = readonly [number, number, number, number];

/** Width a crop gets when scaled to the recognizer's height, keeping its aspect ratio. */
export function cropWidth(crop: Crop, height: number, maxWidth: number): number {
  const w = crop[2] - crop[0];
  const h = crop[3] - crop[1];
  return Math.max(8, Math.min(maxWidth, Math.round((height * w) / Math.max(1, h))));
}

/**
 * Resample a page region into one slot of a recognition batch ([n, 3, height, tensorWidth]),
 * normalized to [-1, 1]; the slot's right part past `width` stays 0 (padding). Separable
 * triangle filter whose support follows the scale, so shrinking averages and enlarging interpolates.
 */
export function writeCrop(
  image: RgbImage,
  crop: Crop,
  out: Float32Array,
  slot: number,
  height: number,
  width: number,
  tensorWidth: number,
): void {
  const xs = filterTaps(crop[0], crop[2], width, image.width);
  const ys = filterTaps(crop[1], crop[3], height, image.height);
  const srcX0 = xs.first;
  const srcW = xs.last - xs.first + 1;
  // Vertical pass: `height` rows of the source columns the horizontal taps touch.
  const rows = new Float32Array(height * srcW * 3);
  for (let oy = 0; oy < height; oy++) {
    const row = oy * srcW * 3;
    for (let k = ys.start[oy]!; k < ys.start[oy + 1]!; k++) {
      const weight = ys.weight[k]!;
      const line = ys.index[k]! * image.width;
      for (let x = 0; x < srcW; x++) {
        const p = (line + srcX0 + x) * 3;
        const q = row + x * 3;
        rows[q] = rows[q]! + image.data[p]! * weight;
        rows[q + 1] = rows[q + 1]! + image.data[p + 1]! * weight;
        rows[q + 2] = rows[q + 2]! + image.data[p + 2]! * weight;
      }
    }
  }
  // Horizontal pass straight into the tensor, BGR planes, (v / 255 - 0.5) / 0.5.
  const plane = height * tensorWidth;
  const base = slot * 3 * plane;
  for (let oy = 0; oy < height; oy++) {
    const row = oy * srcW * 3;
    for (let ox = 0; ox < width; ox++) {
      let r = 0, g = 0, b = 0;
      for (let k = xs.start[ox]!; k < xs.start[ox + 1]!; k++) {
        const q = row + (xs.index[k]! - srcX0) * 3;
        const weight = xs.weight[k]!;
        r += rows[q]! * weight;
        g += rows[q + 1]! * weight;
        b += rows[q + 2]! * weight;
      }
      const at = base + oy * tensorWidth + ox;
      out[at] = b / 127.5 - 1;
      out[at + plane] = g / 127.5 - 1;
      out[at + 2 * plane] = r / 127.5 - 1;
    }
  }
}

interface Taps {
  /** Taps of output i are start[i] … start[i + 1] - 1. */
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly weight: Float32Array;
  readonly first: number;
  readonly last: number;
}

function filterTaps(from: number, to: number, outSize: number, limit: number): Taps {
  const scale = (to - from) / outSize;
  const support = Math.max(1, scale);
  const start = new Int32Array(outSize + 1);
  const index: number[] = [];
  const weight: number[] = [];
  let first = limit - 1;
  let last = 0;
  for (let o = 0; o < outSize; o++) {
    const centre = from + (o + 0.5) * scale;
    const lo = Math.floor(centre - support);
    const hi = Math.ceil(centre + support);
    const tapsFrom = index.length;
    let sum = 0;
    for (let s = lo; s <= hi; s++) {
      const w = Math.max(0, 1 - Math.abs(s + 0.5 - centre) / support);
      if (w <= 0) continue;
      const clamped = Math.min(limit - 1, Math.max(0, s));
      index.push(clamped);
      weight.push(w);
      sum += w;
      if (clamped < first) first = clamped;
      if (clamped > last) last = clamped;
    }
    for (let k = tapsFrom; k < index.length; k++) weight[k] = weight[k]! / sum;
    start[o + 1] = index.length;
  }
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight), first, last };
}
