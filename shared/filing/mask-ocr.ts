import type { OcrBox, OcrLine, PageOcr } from '../contract/ocr';
import { maskValue } from './mask-pii';
import { findField, type SchemeBody } from './scheme';

/**
 * Runs of digits long enough to be an ID, bank card or phone number even where the field
 * extractor did not propose them (a misread check digit, no label, a card printed in groups of
 * four): starred all the same.
 */
const LONG_DIGIT_RUN = /(?<![0-9])(?:[0-9][ -]?){10,}[0-9Xx](?![0-9])/g;

const sameBox = (a: OcrBox, b: OcrBox) => a.every((v, i) => v === b[i]);
const starAll = (text: string) => text.replace(/[\p{L}\p{N}]/gu, '*');

/**
 * A page's OCR as a user without `pii.reveal` may see it: every value the field extractor
 * proposed for a personal element (and any element the scheme does not know) is masked as lists
 * mask it — in its proposal, in the page text and in the lines — and the words it was read from
 * are starred whole, since a word holds only part of a value and its own head and tail would
 * give the middle away. Long digit runs are starred wherever they stand.
 */
export function maskPageOcr(scheme: SchemeBody, ocr: PageOcr): PageOcr {
  const personal = ocr.proposals.filter((p) => findField(scheme, p.field)?.pii ?? true);
  const replacements = personal
    .filter((p) => p.raw.trim() !== '')
    .map((p) => {
      const type = findField(scheme, p.field)?.type ?? 'text';
      return { raw: p.raw, masked: maskValue(p.raw, type) };
    })
    // Longest first, so a value inside a longer one does not leave the longer one's tail.
    .sort((a, b) => b.raw.length - a.raw.length);
  const maskText = (text: string) =>
    replacements.reduce((t, r) => t.split(r.raw).join(r.masked), text).replace(LONG_DIGIT_RUN, (run) => maskValue(run, 'bankCard'));
  const evidence = personal.flatMap((p) => p.boxes);
  const maskLine = (line: OcrLine): OcrLine => ({
    ...line,
    text: maskText(line.text),
    words: line.words.map((w) => ({ ...w, text: evidence.some((b) => sameBox(b, w.box)) ? starAll(w.text) : maskText(w.text) })),
  });
  return {
    ...ocr,
    text: maskText(ocr.text),
    lines: ocr.lines.map(maskLine),
    proposals: ocr.proposals.map((p) => {
      if (!personal.includes(p)) return p;
      const type = findField(scheme, p.field)?.type ?? 'text';
      return { ...p, value: maskValue(p.value, type), raw: maskValue(p.raw, type) };
    }),
  };
}
