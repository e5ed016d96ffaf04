import { describe, expect, it } from 'vitest';
import { MAX_PIXELS, PDF_RENDER_DPI } from '../../electron/core/media/limits';
import { renderDpi } from '../../electron/core/media/rasterize-pdf';

const pixels = (wPt: number, hPt: number, dpi: number) => Math.ceil((wPt * dpi) / 72) * Math.ceil((hPt * dpi) / 72);

describe('renderDpi', () => {
  it('renders pages up to A1 at 300 dpi', () => {
    expect(renderDpi(595, 842)).toBe(PDF_RENDER_DPI);
    expect(renderDpi(1684, 2384)).toBe(PDF_RENDER_DPI);
  });

  it('renders an oversize page (A0, a 2 m poster) at the highest whole dpi within the pixel limit', () => {
    for (const [w, h] of [[2384, 3370], [3370, 4768], [5669, 2835]] as const) {
      const dpi = renderDpi(w, h);
      expect(dpi).toBeLessThan(PDF_RENDER_DPI);
      expect(pixels(w, h, dpi)).toBeLessThanOrEqual(MAX_PIXELS);
      expect(pixels(w, h, dpi + 1)).toBeGreaterThan(MAX_PIXELS);
    }
  });
});
