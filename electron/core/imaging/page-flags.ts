import type { PageAnalysis } from './page-pipeline';

/** DA/T 31: at least 200 dpi; at least 300 dpi where the text is to be recognized. */
const MIN_DPI = 200;
const MIN_OCR_DPI = 300;

/**
 * The flags a page's own checks raise. Flags never drop a page: a clerk or QC inspector decides.
 * `lowDpi` below 200 dpi; `lowDpiForOcr` between 200 and 300 dpi when OCR is wanted; `blank` with
 * the ink coverage it was judged on. An unknown resolution (a camera frame, a PNG without pHYs)
 * raises nothing: there is nothing to measure.
 */
export function checkFlags(dpi: number | null, analysis: PageAnalysis, ocrWanted: boolean): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  if (dpi !== null && dpi < MIN_DPI) flags.lowDpi = true;
  else if (dpi !== null && ocrWanted && dpi < MIN_OCR_DPI) flags.lowDpiForOcr = true;
  if (analysis.blank) {
    flags.blank = true;
    flags.inkCoverage = analysis.ink;
  }
  return flags;
}
