/**
 * Post-processing of the PP-OCR (DB) detection map: the network marks a shrunk "kernel" of every
 * text line with high probability; each connected kernel above the threshold is one line, scored
 * by its mean probability and grown back to the line's size ("unclip"). PaddleOCR scores the
 * mean over a rotated rectangle around the kernel; the kernel's own pixels are the same idea
 * without the rectangle, and keep a skewed line's score from sinking before the page is
 * straightened.
 */

export interface ProbabilityMap {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

export interface Region {
  /** Bounding box of the kernel in map pixels, inclusive. */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly pixels: number;
  /** Mean probability over the kernel. */
  readonly score: number;
  /** Direction of the kernel's long axis, degrees clockwise (image y points down). */
  readonly angle: number;
  /** Long axis over short axis of the kernel's pixel spread. */
  readonly elongation: number;
}

export interface RegionOptions {
  readonly threshold: number;
  readonly boxThreshold: number;
  readonly minSide: number;
}

export const DEFAULT_REGION_OPTIONS: RegionOptions = { threshold: 0.3, boxThreshold: 0.6, minSide: 3 };

/** Label 8-connected kernels above the threshold and describe each one. */
export function findRegions(map: ProbabilityMap, options: RegionOptions = DEFAULT_REGION_OPTIONS): Region[] {
  const { data, width, height } = map;
  const label = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const regions: Region[] = [];
  let next = 0;
  for (let start = 0; start < data.length; start++) {
    if (label[start] !== 0 || data[start]! <= options.threshold) continue;
    next++;
    label[start] = next;
    let top = 0;
    stack[top++] = start;
    let x0 = width, y0 = height, x1 = 0, y1 = 0, n = 0;
    let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sp = 0;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      n++;
      sp += data[p]!;
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (label[q] === 0 && data[q]! > options.threshold) {
            label[q] = next;
            stack[top++] = q;
          }
        }
      }
    }
    if (Math.min(x1 - x0 + 1, y1 - y0 + 1) < options.minSide) continue;
    const score = sp / n;
    if (score < options.boxThreshold) continue;
    const mx = sx / n, my = sy / n;
    const mu20 = sxx / n - mx * mx, mu02 = syy / n - my * my, mu11 = sxy / n - mx * my;
    const spread = Math.sqrt(((mu20 - mu02) / 2) ** 2 + mu11 ** 2);
    const major = (mu20 + mu02) / 2 + spread;
    const minor = Math.max(1e-6, (mu20 + mu02) / 2 - spread);
    regions.push({
      x0, y0, x1, y1, pixels: n, score,
      angle: (0.5 * Math.atan2(2 * mu11, mu20 - mu02) * 180) / Math.PI,
      elongation: Math.sqrt(major / minor),
    });
  }
  return regions;
}

/**
 * The page's skew: the length-weighted median direction of long, thin kernels (text lines), so
 * stamps, photos and check boxes do not vote. Null when there are too few lines to tell.
 */
export function estimateSkew(regions: readonly Region[]): number | null {
  const lines = regions
    .filter((r) => r.elongation >= 6 && r.pixels >= 40 && Math.abs(r.angle) < 20)
    .map((r) => ({ angle: r.angle, weight: r.x1 - r.x0 + 1 }))
    .sort((a, b) => a.angle - b.angle);
  if (lines.length < 3) return null;
  const total = lines.reduce((s, l) => s + l.weight, 0);
  let acc = 0;
  for (const line of lines) {
    acc += line.weight;
    if (acc >= total / 2) return line.angle;
  }
  return null;
}

/**
 * Grow a kernel box back to the text line it marks (DB's unclip: offset by area × ratio /
 * perimeter) and scale it to page pixels; [x0, y0, x1, y1], clamped to the page.
 */
export function unclipToPage(
  region: Region,
  ratio: number,
  scaleX: number,
  scaleY: number,
  page: { width: number; height: number },
): [number, number, number, number] {
  const w = region.x1 - region.x0 + 1;
  const h = region.y1 - region.y0 + 1;
  const d = (w * h * ratio) / (2 * (w + h));
  return [
    Math.max(0, (region.x0 - d) * scaleX),
    Math.max(0, (region.y0 - d) * scaleY),
    Math.min(page.width, (region.x1 + 1 + d) * scaleX),
    Math.min(page.height, (region.y1 + 1 + d) * scaleY),
  ];
}
