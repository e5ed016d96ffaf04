import type { OcrBox, OcrRecognition, OcrWord } from '../contract/ocr';
import { uprightRows } from '../ocr/reading-order';

/**
 * A page's text as field rules read it: one string per row, the row's cells (OCR lines) joined by
 * a space and each cell's words joined without one ("2024 年 12 月" reads 2024年12月, a card
 * printed in groups of four reads as one number), and for every character the word it came from.
 */
export interface Row {
  readonly text: string;
  /** Index into `words` for each UTF-16 unit of `text`; -1 for the space between cells. */
  readonly wordAt: readonly number[];
  readonly words: readonly OcrWord[];
}

export const CELL_GAP = ' ';

export function pageRows(page: OcrRecognition): Row[] {
  return uprightRows(page).map((cells) => {
    let text = '';
    const wordAt: number[] = [];
    const words: OcrWord[] = [];
    cells.forEach(({ line }, i) => {
      if (i > 0) {
        text += CELL_GAP;
        wordAt.push(-1);
      }
      // A line without word boxes (an engine that gave none) is one word.
      const parts = line.words.length > 0 ? line.words : [{ text: line.text, box: line.box, confidence: line.confidence }];
      for (const word of parts) {
        const t = word.text.replace(/\s+/g, '');
        if (t === '') continue;
        words.push(word);
        text += t;
        for (let k = 0; k < t.length; k++) wordAt.push(words.length - 1);
      }
    });
    return { text, wordAt, words };
  });
}

/** The words a stretch of a row came from: their boxes, and the least sure word's confidence. */
export function evidence(row: Row, start: number, end: number): { boxes: OcrBox[]; confidence: number } {
  const indices = [...new Set(row.wordAt.slice(start, end).filter((i) => i >= 0))];
  const words = indices.map((i) => row.words[i]!);
  return {
    boxes: words.map((w) => w.box),
    confidence: words.length === 0 ? 0 : Math.min(...words.map((w) => w.confidence)),
  };
}
