import type { OcrBox, OcrLine, OcrQueueStatus, OcrState } from '../../../shared/contract';

/**
 * Where a word box sits over the page image shown `scale` times its stored size: boxes are
 * upright rectangles turned by the page's skew about their own centre.
 */
export function boxStyle(box: OcrBox, angle: number, scale: number): {
  left: number;
  top: number;
  width: number;
  height: number;
  transform?: string;
} {
  const [x, y, w, h] = box;
  const style = { left: x * scale, top: y * scale, width: w * scale, height: h * scale };
  return angle === 0 ? style : { ...style, transform: `rotate(${angle}deg)` };
}

/** Pages a batch still has to read (queued or running), for its progress bar. */
export function batchProgress(batch: OcrQueueStatus['batches'][number]): { done: number; total: number; percent: number } {
  const total = batch.total;
  const done = batch.done + batch.failed;
  return { done, total, percent: total === 0 ? 100 : Math.round((done / total) * 100) };
}

/** States whose page still waits for the engine. */
export const isPending = (state: OcrState | null | undefined): boolean => state === 'queued' || state === 'running';

export const percent = (confidence: number): number => Math.round(confidence * 100);

/** Dictionary keys of a state's long and short (badge) wording. */
export const stateKey = (state: OcrState) => `ocr.state.${state}` as const;
export const badgeKey = (state: Exclude<OcrState, 'none'>) => `ocr.badge.${state}` as const;

/**
 * A line's text cut into its words (with their index) and what lies between them (spaces,
 * characters no word covers), so the panel shows the text as read with each word hoverable.
 */
export function lineSegments(line: OcrLine): Array<{ text: string; word: number | null }> {
  const segments: Array<{ text: string; word: number | null }> = [];
  let at = 0;
  line.words.forEach((word, i) => {
    const found = line.text.indexOf(word.text, at);
    if (found < 0) return;
    if (found > at) segments.push({ text: line.text.slice(at, found), word: null });
    segments.push({ text: word.text, word: i });
    at = found + word.text.length;
  });
  if (at < line.text.length) segments.push({ text: line.text.slice(at), word: null });
  return segments;
}
