import type { OcrLine, OcrRecognition } from '../../shared/contract';
import { splitWords } from '../../shared/ocr/cjk-text';

/**
 * A read page made from text: one row per line; a row's OCR lines (cells) are split at two
 * spaces, or at one between CJK characters (姓名 沈建华), while one space beside digits or
 * Latin stays inside a cell (6225 8809 · 1981 年 12 月), as a detector groups them; words as
 * the recognizer splits them; every character 40 px wide on rows 60 px apart. Enough geometry
 * for field rules, reading order and text layers without running an engine.
 */
export function pageFromText(text: string, options: { confidence?: number; angle?: number } = {}): OcrRecognition {
  const confidence = options.confidence ?? 0.95;
  const lines: OcrLine[] = [];
  text.split('\n').forEach((row, r) => {
    let x = 100;
    for (const cell of cellsOf(row)) {
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
    text: text.split('\n').map((r) => cellsOf(r).join(' ')).join('\n'),
    confidence,
    angle: options.angle ?? 0,
    width: 2480,
    height: 3508,
    lines,
  };
}

const CJK = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;

function cellsOf(row: string): string[] {
  const marked = row.replace(/(\S) (?=(\S))/gu, (m, before: string, after: string) => (CJK.test(before) && CJK.test(after) ? `${before}  ` : m));
  return marked.split(/ {2,}/).map((c) => c.trim()).filter(Boolean);
}
