/**
 * Which printed option of a form is ticked. Application forms print every reason with a box
 * (□购买自住住房 □偿还住房贷款本息 …), so the printed words name every business at once; only the
 * mark in the box tells them apart. A mark can be in the text (☑ ■ √ ✓ when OCR reads it) or only
 * in the image: OCR drops ☑ or reads a box as 口 either way. Both are read here, as pure functions:
 * the caller decodes the image into a grey raster.
 */

/** Marks that say "chosen" when OCR reads them in front of a phrase. */
export const MARKS = '☑☒■√✓✔';
/** Glyphs that stand for an empty box when OCR reads one (PP-OCR reads □ as 口). */
export const EMPTY_BOXES = '□☐口囗';
const BOX_GLYPHS = new Set([...MARKS, ...EMPTY_BOXES]);
const MAX_PHRASE = 12;

const TICKED_TEXT = new RegExp(`[${MARKS}]\\s*((?:(?![${EMPTY_BOXES}${MARKS}])[\\p{Script=Han}A-Za-z0-9]){2,16})`, 'gu');

/** Text as compared: NFKC (full-width to half-width), lower case, no whitespace. */
export const normalize = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * Phrases the text marks as chosen (☑购买自住住房). A phrase ends at the next box, so a row of
 * options run together by OCR (☑购买自住住房口偿还住房贷款本息) marks only the first.
 */
export function tickedInText(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(TICKED_TEXT)].map((m) => normalize(m[1]!));
}

export type Box = readonly [number, number, number, number];

export interface TextRun {
  readonly text: string;
  readonly box: Box;
}

/** A phrase printed on the page and the strip left of it where its box would stand. */
export interface PrintedOption {
  /** The option as printed, from the phrase to the next box or the end of the run (normalized). */
  readonly phrase: string;
  /** Where to look for the box: around the phrase's first cell and left of it, the line's height. */
  readonly searchRegion: Box;
  /** The box's right edge stands left of this (the phrase's estimated start, plus the drift allowed). */
  readonly boxEndsBefore: number;
}

/**
 * How far left of a phrase its box may stand, in character cells; the search also reaches one cell
 * into the phrase, since a box glyph OCR dropped shifts the phrase's estimated place left by a cell.
 */
const SEARCH_CELLS = 2.5;
/** A box may end this many cells past the phrase's estimated start (the dropped glyph's shift). */
const DRIFT = 0.7;

/**
 * Where the phrases (the scheme's business keywords) stand in the OCR's runs of text (words, or
 * lines without words). Positions inside a run are spread evenly over its characters, which holds
 * for Chinese type to within about a cell; the box search allows for that.
 */
export function printedOptions(runs: readonly TextRun[], phrases: readonly string[]): PrintedOption[] {
  const wanted = [...new Set(phrases.map(normalize).filter((p) => p.length >= 2))];
  const out: PrintedOption[] = [];
  for (const run of runs) {
    const chars = [...run.text.normalize('NFKC')];
    if (chars.length === 0) continue;
    const [x, y, w, h] = run.box;
    const cell = w / chars.length;
    const flat = chars.map((c) => normalize(c)).join('');
    if (flat.length !== chars.length) continue; // whitespace or ligatures inside: positions would drift
    for (const p of wanted) {
      for (let at = flat.indexOf(p); at >= 0; at = flat.indexOf(p, at + 1)) {
        // The printed option runs to the next box, or the next option when OCR dropped its box.
        const next = Math.min(...wanted.map((q) => flat.indexOf(q, at + p.length)).filter((i) => i >= 0), chars.length);
        let end = at + p.length;
        while (end < next && end - at < MAX_PHRASE && !BOX_GLYPHS.has(chars[end]!)) end++;
        const left = x + at * cell;
        const reach = SEARCH_CELLS * Math.min(cell, h);
        out.push({ phrase: flat.slice(at, end), searchRegion: [left - reach, y, reach + cell, h], boxEndsBefore: left + DRIFT * cell });
      }
    }
  }
  // One printed option found through two keywords (购房, 购买自住住房) is one option.
  const seen = new Set<string>();
  return out.filter((o) => {
    const key = `${Math.round(o.searchRegion[0] + o.searchRegion[2])},${Math.round(o.searchRegion[1])}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface GreyImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const DARK = 170;
const dark = (img: GreyImage, x: number, y: number): boolean => img.data[y * img.width + x]! < DARK;

/** Share of dark pixels in a region of a grey image (0 when the region is off the page). */
export function inkShare(image: GreyImage, region: Box): number {
  const x0 = Math.max(0, Math.floor(region[0]));
  const y0 = Math.max(0, Math.floor(region[1]));
  const x1 = Math.min(image.width, Math.ceil(region[0] + region[2]));
  const y1 = Math.min(image.height, Math.ceil(region[1] + region[3]));
  if (x1 <= x0 || y1 <= y0) return 0;
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (dark(image, x, y)) n++;
  return n / ((x1 - x0) * (y1 - y0));
}

export interface FoundBox {
  readonly box: Box;
  /** Share of the box's inside that is inked: ~0 empty, a tick or cross well above, 1 filled. */
  readonly fill: number;
}

interface Stroke {
  readonly x0: number;
  readonly x1: number;
  readonly top: number;
  readonly bottom: number;
}

/** Vertical strokes in a region: runs of columns each holding a long unbroken dark run. */
function verticalStrokes(img: GreyImage, x0: number, x1: number, y0: number, y1: number, minRun: number): Stroke[] {
  const strokes: Stroke[] = [];
  let open: { x0: number; top: number; bottom: number } | null = null;
  for (let x = x0; x <= x1; x++) {
    let best = { len: 0, top: 0 };
    let len = 0;
    for (let y = y0; y < y1; y++) {
      len = x < x1 && dark(img, x, y) ? len + 1 : 0;
      if (len > best.len) best = { len, top: y - len + 1 };
    }
    if (best.len >= minRun) {
      open = open ? { x0: open.x0, top: Math.min(open.top, best.top), bottom: Math.max(open.bottom, best.top + best.len) } : { x0: x, top: best.top, bottom: best.top + best.len };
    } else if (open) {
      strokes.push({ ...open, x1: x });
      open = null;
    }
  }
  return strokes;
}

/**
 * The rightmost check box in a region of the page ending before `endsBefore`: two vertical sides
 * about as far apart as they are tall, closed top and bottom (or one solid square, a filled box),
 * with the ink inside measured. Characters with two sides (口, 目, the 且 of 租) pass too, which is
 * why the box must end before the phrase and callers compare the boxes of a row.
 */
export function findBox(img: GreyImage, region: Box, endsBefore = Infinity): FoundBox | null {
  const x0 = Math.max(0, Math.floor(region[0]));
  const x1 = Math.min(img.width, Math.ceil(region[0] + region[2]));
  const y0 = Math.max(0, Math.floor(region[1]));
  const y1 = Math.min(img.height, Math.ceil(region[1] + region[3]));
  const height = y1 - y0;
  if (x1 - x0 < 4 || height < 6) return null;
  const strokes = verticalStrokes(img, x0, x1, y0, y1, Math.max(4, Math.round(0.35 * height)));
  for (let i = strokes.length - 1; i >= 0; i--) {
    const b = strokes[i]!;
    if (b.x1 > endsBefore) continue;
    const side = b.bottom - b.top;
    if (b.x1 - b.x0 >= 0.6 * side && b.x1 - b.x0 <= 1.4 * side) return { box: [b.x0, b.top, b.x1 - b.x0, side], fill: 1 };
    for (let j = i - 1; j >= 0; j--) {
      const a = strokes[j]!;
      const width = b.x1 - a.x0;
      const tall = Math.max(a.bottom, b.bottom) - Math.min(a.top, b.top);
      if (width < 0.7 * tall || width > 1.35 * tall || Math.abs(a.top - b.top) > 0.2 * tall) continue;
      const top = Math.min(a.top, b.top);
      const bottom = Math.max(a.bottom, b.bottom);
      if (!closedRow(img, a.x1, b.x0, top, 0.25 * tall) || !closedRow(img, a.x1, b.x0, bottom - 1, -0.25 * tall)) continue;
      const pen = Math.max(a.x1 - a.x0, b.x1 - b.x0) + 2;
      const inside: Box = [a.x1 + 1, top + pen, b.x0 - a.x1 - 2, bottom - top - 2 * pen];
      return { box: [a.x0, top, width, tall], fill: inside[2] > 0 && inside[3] > 0 ? inkShare(img, inside) : 0 };
    }
  }
  return null;
}

/** Whether a horizontal rule joins two sides near row `y` (searching `reach` rows inwards). */
function closedRow(img: GreyImage, from: number, to: number, y: number, reach: number): boolean {
  const step = reach >= 0 ? 1 : -1;
  for (let r = 0; Math.abs(r) <= Math.abs(reach); r += step) {
    const row = Math.round(y + r);
    if (row < 0 || row >= img.height) continue;
    let n = 0;
    for (let x = from; x < to; x++) if (dark(img, x, row)) n++;
    if (to > from && n >= 0.9 * (to - from)) return true;
  }
  return false;
}

/** A box this full is marked (a tick, a cross or filled); an empty box's inside is paper. */
const TICKED_FILL = 0.08;
/** An empty box's inside, allowing for speckle and a stroke of the tick next door. */
const EMPTY_FILL = 0.03;

/**
 * The one option whose box is marked, among options whose boxes were found: only a row with an
 * empty box beside the marked one is a row of choices (a character that looks like a box is not),
 * and two marked boxes or none leave it open.
 */
export function tickedOption(options: ReadonlyArray<{ readonly phrase: string; readonly found: FoundBox | null }>): string | null {
  // Two keywords of one option (离休退休, 退休) find the same box: it counts once, for the longer.
  const byPlace = new Map<string, { phrase: string } & FoundBox>();
  for (const o of options) {
    if (!o.found) continue;
    const key = `${o.found.box[0]},${o.found.box[1]}`;
    if ((byPlace.get(key)?.phrase.length ?? 0) < o.phrase.length) byPlace.set(key, { phrase: o.phrase, ...o.found });
  }
  const boxes = [...byPlace.values()];
  const ticked = boxes.filter((b) => b.fill >= TICKED_FILL);
  if (ticked.length !== 1) return null;
  const [t] = ticked as [(typeof boxes)[number]];
  const sameRow = (b: FoundBox) => Math.abs(b.box[1] + b.box[3] / 2 - (t.box[1] + t.box[3] / 2)) < t.box[3] / 2;
  return boxes.some((b) => b.fill <= EMPTY_FILL && sameRow(b)) ? t.phrase : null;
}

/**
 * The option a read page's image shows ticked: `phrases` (the scheme's business keywords) located
 * in the OCR runs, a box looked for left of each in the grey image (scaled by `scale` when the image
 * is not the size OCR read), and the one marked box among empty ones on its row. Null otherwise.
 */
export function tickedInImage(runs: readonly TextRun[], phrases: readonly string[], image: GreyImage, scale: readonly [number, number] = [1, 1]): string | null {
  const options = printedOptions(runs, phrases);
  if (options.length < 2) return null;
  const [sx, sy] = scale;
  return tickedOption(
    options.map((o) => {
      const [x, y, w, h] = o.searchRegion;
      return { phrase: o.phrase, found: findBox(image, [x * sx, y * sy, w * sx, h * sy], o.boxEndsBefore * sx) };
    }),
  );
}
