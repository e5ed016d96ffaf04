import type { GrayImage } from '../../../shared/imaging/gray-image';

/** Below this share of ink a page counts as blank: a line of small print is several times more. */
const BLANK_INK_THRESHOLD = 0.0003;
/** Edges are left out: punch holes, the shadow of the sheet's edge, a staple. */
const EDGE_SHARE = 0.04;

export interface BlankCheck {
  readonly blank: boolean;
  /** Share of the page (inside the edges) covered by ink strokes: 0 is empty paper. */
  readonly ink: number;
}

/**
 * Count ink that forms strokes: dark pixels with at least two dark neighbours. Isolated specks
 * (dust, scanner noise) and faint show-through from the back (well above `inkBelow`) do not count,
 * so a blank backside reads as blank while a single signature does not.
 */
export function checkBlank(img: GrayImage, inkBelow: number): BlankCheck {
  const { width: w, height: h, data } = img;
  const mx = Math.max(1, Math.round(w * EDGE_SHARE));
  const my = Math.max(1, Math.round(h * EDGE_SHARE));
  let strokes = 0;
  let area = 0;
  for (let y = my; y < h - my; y++) {
    for (let x = mx; x < w - mx; x++) {
      area++;
      const i = y * w + x;
      if (data[i]! >= inkBelow) continue;
      let near = 0;
      if (data[i - 1]! < inkBelow) near++;
      if (data[i + 1]! < inkBelow) near++;
      if (data[i - w]! < inkBelow) near++;
      if (data[i + w]! < inkBelow) near++;
      if (data[i - w - 1]! < inkBelow) near++;
      if (data[i - w + 1]! < inkBelow) near++;
      if (data[i + w - 1]! < inkBelow) near++;
      if (data[i + w + 1]! < inkBelow) near++;
      if (near >= 2) strokes++;
    }
  }
  const ink = area === 0 ? 0 : strokes / area;
  return { blank: ink < BLANK_INK_THRESHOLD, ink: Math.round(ink * 1e6) / 1e6 };
}
