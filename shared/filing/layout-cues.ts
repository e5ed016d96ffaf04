import { uprightRows } from '../ocr/reading-order';

/**
 * Layout cues of a read page, from its OCR lines and boxes: what a clerk sees before reading a
 * word. A form prints its name large at the top and is a grid of label/value cells; an ID or bank
 * card is a small landscape rectangle (ID-1, 85.6 × 54 mm) whose 姓名 label stands alone on its
 * row. Text alone cannot tell a card from a form that merely mentions 居民身份证.
 */
export const LAYOUT_CUES = ['card', 'table', 'label-card', 'label-form'] as const;
export type LayoutCue = (typeof LAYOUT_CUES)[number];

export interface LayoutLine {
  readonly text: string;
  readonly box: readonly [number, number, number, number];
  /** The line's words with their boxes, when the engine gives them (finer places than the line). */
  readonly words?: ReadonlyArray<{ readonly text: string; readonly box: readonly [number, number, number, number] }>;
}

export interface PageLayout {
  readonly width: number;
  readonly height: number;
  /** The turn the text stood at (OcrRecognition.angle); rows are found on the page straightened. */
  readonly angle: number;
  readonly lines: readonly LayoutLine[];
}

export interface Layout {
  /** Lines a reader takes for the title: large type in the top part of the text, in reading order. */
  readonly title: readonly string[];
  readonly cues: readonly LayoutCue[];
}

/** ID-1 cards are 85.6 × 53.98 mm (1.586); A4 is 1.414, so the window stays clear of paper sizes. */
const CARD_ASPECT: readonly [number, number] = [1.5, 1.68];
/** Type this much taller than the page's usual line is a heading. */
const TITLE_HEIGHT = 1.3;
/** Headings are looked for in this top share of the text's height. */
const TITLE_BAND = 0.3;
const MAX_TITLE_LINES = 3;
/** A grid: at least this many rows with three or more cells, and this share of all rows. */
const TABLE_ROWS = 3;
const TABLE_SHARE = 0.3;
const NAME_LABEL = /姓\s*名/;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

export function pageLayout(page: PageLayout): Layout {
  const rows = uprightRows({ lines: page.lines.filter((l) => l.text.trim() !== ''), angle: page.angle, width: page.width, height: page.height });
  if (rows.length === 0) return { title: [], cues: [] };
  const cells = rows.flat();
  const usual = median(cells.map((c) => c.box[3]));
  const top = Math.min(...cells.map((c) => c.box[1]));
  const bottom = Math.max(...cells.map((c) => c.box[1] + c.box[3]));
  const band = top + TITLE_BAND * (bottom - top);
  const headings = rows.flat().filter((c) => c.box[1] <= band && c.box[3] >= TITLE_HEIGHT * usual);
  // Without larger type (a card, a plain letter) the first row is the best guess.
  const title = (headings.length > 0 ? headings : rows[0]!).slice(0, MAX_TITLE_LINES).map((c) => c.line.text.trim());

  const cues: LayoutCue[] = [];
  const aspect = Math.max(page.width, page.height) / Math.max(1, Math.min(page.width, page.height));
  if (aspect >= CARD_ASPECT[0] && aspect <= CARD_ASPECT[1]) cues.push('card');
  const gridRows = rows.filter((r) => r.length >= 3).length;
  if (gridRows >= TABLE_ROWS && gridRows >= TABLE_SHARE * rows.length) cues.push('table');
  const nameRow = rows.find((r) => r.some((c) => NAME_LABEL.test(c.line.text)));
  if (nameRow) cues.push(nameRow.length >= 3 ? 'label-form' : 'label-card');
  return { title, cues };
}
