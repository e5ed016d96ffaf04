import type { OcrLine, OcrRecognition } from '../../shared/contract';
import { splitWords } from '../../shared/ocr/cjk-text';

/**
 * A read page made from text: one row per line, one OCR line (cell) per space-separated part,
 * words as the recognizer splits them, every character 40 px wide on rows 60 px apart. Enough
 * geometry for field rules, reading order and text layers, without running an engine.
 */
export function pageFromText(text: string, options: { confidence?: number; angle?: number } = {}): OcrRecognition {
  const confidence = options.confidence ?? 0.95;
  const lines: OcrLine[] = [];
  text.split('\n').forEach((row, r) => {
    let x = 100;
    for (const cell of row.split(/ +/).filter(Boolean)) {
      const y = 100 + r * 60;
      const width = Array.from(cell).length * 40;
      const words = splitWords(cell).map((w) => ({
        text: w.text,
        box: [x + w.start * 40, y, (w.end - w.start) * 40, 48] as [number, number, number, number],
        confidence,
      }));
      lines.push({ text: cell, box: [x, y, width, 48], confidence, words });
      x += width + 80;
    }
  });
  return {
    text: text.split('\n').map((r) => r.split(/ +/).filter(Boolean).join(' ')).join('\n'),
    confidence,
    angle: options.angle ?? 0,
    width: 2480,
    height: 3508,
    lines,
  };
}
