import type { OcrBox, OcrLine, OcrRecognition } from '../../../shared/contract';
import { unrotatePoint } from './raster';

interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The page result from lines already in reading order (rows of cells). Boxes found on a page
 * straightened by `angle` are moved back onto the stored page: their centres are turned back and
 * their size kept, so a box drawn turned by `angle` about its centre covers the text.
 */
export function assembleRecognition(rows: readonly OcrLine[][], angle: number, original: Size, work: Size): OcrRecognition {
  const place = (box: OcrBox): OcrBox => {
    if (angle === 0 && work.width === original.width && work.height === original.height) return box;
    const [x, y, w, h] = box;
    const [cx, cy] = unrotatePoint(x + w / 2, y + h / 2, -angle, original, work);
    return [cx - w / 2, cy - h / 2, w, h];
  };
  const lines = rows.flat().map((line) => ({
    ...line,
    box: roundBox(place(line.box)),
    words: line.words.map((word) => ({ ...word, box: roundBox(place(word.box)), confidence: round3(word.confidence) })),
    confidence: round3(line.confidence),
  }));
  const chars = lines.reduce((n, l) => n + l.text.length, 0);
  const confidence = chars === 0 ? 0 : lines.reduce((s, l) => s + l.confidence * l.text.length, 0) / chars;
  return {
    text: rows.map((row) => row.map((l) => l.text).join(' ')).join('\n'),
    confidence: round3(confidence),
    angle: Math.round(angle * 100) / 100,
    width: original.width,
    height: original.height,
    lines,
  };
}

const roundBox = (box: OcrBox): OcrBox => [round1(box[0]), round1(box[1]), round1(box[2]), round1(box[3])];
const round1 = (v: number): number => Math.round(v * 10) / 10;
const round3 = (v: number): number => Math.round(v * 1000) / 1000;
