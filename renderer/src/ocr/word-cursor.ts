import type { OcrRecognition } from '../../../shared/contract';
import { removeCjkSpaces } from '../../../shared/ocr/cjk-text';
import { uprightRows } from '../../../shared/ocr/reading-order';

/** A word of a read page as the keyboard walks it: its key in the word layer ("line:word"), row and centre. */
export interface ReadingWord {
  readonly key: string;
  readonly text: string;
  readonly row: number;
  readonly centreX: number;
}

/** Words picked with the keyboard: from the anchor (where Shift was first held) to the focus. */
export interface WordSelection {
  readonly anchor: number;
  readonly focus: number;
}

export type WordMove = 'next' | 'prev' | 'up' | 'down' | 'first' | 'last';

/** What a key does while the page's words have the keyboard: move (Shift: extend), fill, or go back to the field. */
export type WordKey = { readonly type: 'move'; readonly move: WordMove; readonly extend: boolean } | { readonly type: 'fill' } | { readonly type: 'back' };

const MOVES: Readonly<Record<string, WordMove>> = {
  ArrowRight: 'next',
  ArrowLeft: 'prev',
  ArrowDown: 'down',
  ArrowUp: 'up',
  Home: 'first',
  End: 'last',
};

export function wordKey(key: string, shift: boolean): WordKey | null {
  const move = MOVES[key];
  if (move) return { type: 'move', move, extend: shift };
  if (key === 'Enter') return { type: 'fill' };
  return key === 'Escape' || key === 'F4' ? { type: 'back' } : null;
}

/** The page's words in reading order: rows top to bottom, cells and words left to right. */
export function readingWords(ocr: OcrRecognition): ReadingWord[] {
  return uprightRows(ocr).flatMap((row, r) =>
    row.flatMap(({ line }) => {
      const li = ocr.lines.indexOf(line);
      return line.words.map((word, wi) => ({ key: `${li}:${wi}`, text: word.text, row: r, centreX: word.box[0] + word.box[2] / 2 }));
    }),
  );
}

/**
 * Move the keyboard's word cursor: ←→ word by word through the reading order, ↑↓ to the word of
 * the row above or below that stands nearest, Home/End to the page's first or last word. With
 * `extend` (Shift) the selection grows from its anchor, so a name split in two words is one pick.
 */
export function moveCursor(words: readonly ReadingWord[], selection: WordSelection | null, move: WordMove, extend: boolean): WordSelection | null {
  if (words.length === 0) return null;
  const last = words.length - 1;
  if (selection === null) {
    const start = move === 'prev' || move === 'up' || move === 'last' ? last : 0;
    return { anchor: start, focus: start };
  }
  const to = target(words, selection.focus, move);
  return { anchor: extend ? selection.anchor : to, focus: to };
}

function target(words: readonly ReadingWord[], from: number, move: WordMove): number {
  const last = words.length - 1;
  switch (move) {
    case 'next':
      return Math.min(from + 1, last);
    case 'prev':
      return Math.max(from - 1, 0);
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'up':
    case 'down':
      return nearestInNextRow(words, from, move === 'down' ? 1 : -1);
  }
}

function nearestInNextRow(words: readonly ReadingWord[], from: number, step: 1 | -1): number {
  const here = words[from]!;
  // Rows without words (a line read as a mark only) are skipped.
  const beyond = words.filter((w) => (step === 1 ? w.row > here.row : w.row < here.row)).map((w) => w.row);
  if (beyond.length === 0) return from;
  const row = step === 1 ? Math.min(...beyond) : Math.max(...beyond);
  let best = from;
  let distance = Infinity;
  words.forEach((w, i) => {
    const d = Math.abs(w.centreX - here.centreX);
    if (w.row === row && d < distance) {
      best = i;
      distance = d;
    }
  });
  return best;
}

const range = (selection: WordSelection): [number, number] => [Math.min(selection.anchor, selection.focus), Math.max(selection.anchor, selection.focus)];

/** Keys of the selected words, to light them on the page. */
export function selectedKeys(words: readonly ReadingWord[], selection: WordSelection | null): ReadonlySet<string> {
  if (selection === null) return new Set();
  const [from, to] = range(selection);
  return new Set(words.slice(from, to + 1).map((w) => w.key));
}

/** The selected words as one value: 汉字 joined without spaces, Latin words and numbers with one. */
export function selectedText(words: readonly ReadingWord[], selection: WordSelection | null): string {
  if (selection === null) return '';
  const [from, to] = range(selection);
  return removeCjkSpaces(words.slice(from, to + 1).map((w) => w.text).join(' '));
}
