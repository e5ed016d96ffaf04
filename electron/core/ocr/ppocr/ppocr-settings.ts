/** The settings the accuracy and speed figures in the README were measured with. */
export const PPOCR_SETTINGS = {
  detLongSide: 960,
  unclipRatio: 1.6,
  recHeight: 48,
  recBatch: 8,
  /** Lines × width per recognizer call: bounds the activation memory a batch of long lines needs. */
  recBatchColumns: 8 * 640,
  /**
   * Widest over narrowest line of a batch: lines of similar width share a batch, so little of
   * each tensor is padding, which costs time and changes what the recognizer reads.
   */
  recMaxPadding: 1.2,
  /** Lines wider than this (in recognizer pixels) are squeezed; a full A4 text line is ~1500. */
  recMaxWidth: 2400,
  /** PaddleOCR's drop score: lines read with less confidence are noise (stamps, lines, dirt). */
  minLineConfidence: 0.5,
  /** Below this skew a straightening pass costs more than it gains. */
  deskewAboveDegrees: 0.3,
} as const;
