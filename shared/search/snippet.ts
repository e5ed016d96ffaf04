import { allAddressLabels, maskLine } from './mask-text';

export interface Snippet {
  readonly text: string;
  /** [start, end) offsets (UTF-16) of the terms in `text`, in order, not overlapping. */
  readonly highlights: ReadonlyArray<readonly [number, number]>;
}

export interface SnippetOptions {
  /** Characters of context on each side of the first match. */
  readonly context?: number;
  readonly addressLabels?: readonly string[];
}

const WORD = /[0-9A-Za-z]/;
const DIGIT = /[0-9]/;
const LINE_JOIN = ' · ';

/** Inside a number or a Latin word, or a single space between digits of a letter-spaced number. */
function inRun(text: string, i: number): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (WORD.test(c)) return true;
  return c === ' ' && DIGIT.test(text[i - 1] ?? '') && DIGIT.test(text[i + 1] ?? '');
}

function firstMatch(lower: string, terms: readonly string[]): { at: number; length: number } | null {
  let best: { at: number; length: number } | null = null;
  for (const t of terms) {
    const at = lower.indexOf(t.toLowerCase());
    if (at >= 0 && (best === null || at < best.at)) best = { at, length: t.length };
  }
  return best;
}

/** Where the terms occur in the (masked) snippet, merged where they overlap. */
export function highlightRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const t of terms) {
    const needle = t.toLowerCase();
    if (needle === '') continue;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) ranges.push([i, i + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A short excerpt around the first term found, with personal data masked. The window is widened
 * so it never cuts a number in two: a cut ID number would no longer look like one and would
 * escape the mask. A term found only in the text without spaces (a letter-spaced number) is
 * shown from `compact`. Highlights are searched again after masking, so a masked term (part of
 * an ID number) is simply not highlighted.
 */
export function makeSnippet(body: string, compact: string, terms: readonly string[], options: SnippetOptions = {}): Snippet {
  const context = options.context ?? 30;
  let text = body;
  let match = firstMatch(body.toLowerCase(), terms);
  if (!match) {
    const inCompact = firstMatch(compact.toLowerCase(), terms);
    if (inCompact) {
      text = compact;
      match = inCompact;
    }
  }
  const at = match?.at ?? 0;
  let start = Math.max(0, at - context);
  let end = Math.min(text.length, at + (match?.length ?? 0) + context);
  while (start > 0 && inRun(text, start - 1) && inRun(text, start)) start--;
  while (end < text.length && inRun(text, end - 1) && inRun(text, end)) end++;
  // An address is masked by its label: keep the label in view when the window starts after it.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const label = Math.max(...allAddressLabels(options.addressLabels).map((l) => before.lastIndexOf(l)));
  if (label >= 0) start = lineStart + label;
  const lines = text
    .slice(start, end)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => maskLine(l, options.addressLabels));
  const excerpt = `${start > 0 ? '…' : ''}${lines.join(LINE_JOIN)}${end < text.length ? '…' : ''}`;
  return { text: excerpt, highlights: highlightRanges(excerpt, terms) };
}
