/**
 * Put a page rendered on a transparent canvas onto white paper, in place, and measure how much
 * of it anything painted. Rendering on transparency (instead of onto a white fill) is what lets
 * the rasterizer tell "the page is white paper" from "nothing could be drawn": an image whose
 * decoder failed leaves its area unpainted, a scanned blank backside paints it white.
 *
 * `rgba` is straight (not premultiplied) RGBA, as canvas `getImageData` returns it.
 * Returns the share of pixels with any coverage (0..1).
 */
export function flattenOnPaper(rgba: Uint8ClampedArray): number {
  let painted = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    if (a === 255) {
      painted++;
      continue;
    }
    if (a > 0) painted++;
    const paper = 255 - a;
    rgba[i] = (rgba[i]! * a) / 255 + paper;
    rgba[i + 1] = (rgba[i + 1]! * a) / 255 + paper;
    rgba[i + 2] = (rgba[i + 2]! * a) / 255 + paper;
    rgba[i + 3] = 255;
  }
  return rgba.length === 0 ? 0 : painted / (rgba.length / 4);
}
