import type { OcrLine, OcrWord } from '../../../../shared/contract';
import { fixIdCheckCharacter, removeCjkSpaces, splitWords } from '../../../../shared/ocr/cjk-text';
import type { DecodedChar } from './ctc-decode';
import type { Crop } from './tensors';

/**
 * Turn a decoded line into text and words with boxes. CTC fires each character at about its
 * centre, so a character spans from the midpoint with its left neighbour to the midpoint with its
 * right one; the first and last reach half a typical character pitch outwards.
 */
export function lineFromChars(chars: readonly DecodedChar[], crop: Crop, pxPerStep: number, usedSteps: number): OcrLine | null {
  if (chars.length === 0) return null;
  const centre = chars.map((c) => (c.first + c.last + 1) / 2);
  const gaps = centre.slice(1).map((c, i) => c - centre[i]!).sort((a, b) => a - b);
  const pitch = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)]! : usedSteps / 2;
  const left = (i: number) => (i === 0 ? Math.max(0, centre[0]! - pitch / 2) : (centre[i - 1]! + centre[i]!) / 2);
  const right = (i: number) =>
    i === chars.length - 1 ? Math.min(usedSteps, centre[i]! + pitch / 2) : (centre[i]! + centre[i + 1]!) / 2;

  let raw = '';
  const charAt: number[] = []; // UTF-16 offset → character index
  chars.forEach((c, i) => {
    raw += c.char;
    for (let k = 0; k < c.char.length; k++) charAt.push(i);
  });
  const [x0, y0, x1, y1] = crop;
  const words: OcrWord[] = splitWords(fixIdCheckCharacter(raw)).map((token) => {
    const first = charAt[token.start]!;
    const last = charAt[token.end - 1]!;
    const probs = chars.slice(first, last + 1).map((c) => c.probability);
    const wx0 = x0 + left(first) * pxPerStep;
    const wx1 = x0 + right(last) * pxPerStep;
    return { text: token.text, box: [wx0, y0, Math.max(1, wx1 - wx0), y1 - y0], confidence: mean(probs) };
  });
  return {
    text: fixIdCheckCharacter(removeCjkSpaces(raw).trim()),
    box: [x0, y0, x1 - x0, y1 - y0],
    confidence: mean(chars.map((c) => c.probability)),
    words,
  };
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);
