import { asciiAlphanumerics } from '../../../../shared/ocr/cjk-text';

/** One character of a decoded line, with the time step the recognizer emitted it at. */
export interface DecodedChar {
  readonly char: string;
  readonly probability: number;
  /** Time steps covering the character (the recognizer emits one step per 8 input pixels). */
  readonly first: number;
  readonly last: number;
}

/**
 * The recognizer's character list: index 0 is the CTC blank, then the dictionary file's lines,
 * then a space (PaddleOCR's `use_space_char`). Full-width digits and letters are read as ASCII.
 */
export function characterList(dictionary: string): string[] {
  const lines = dictionary.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return ['', ...lines.map(asciiAlphanumerics), ' '];
}

/**
 * Greedy CTC decoding of one batch output [n, steps, classes]: the most likely class per step,
 * repeats merged, blanks dropped.
 */
export function decodeBatch(
  output: Float32Array,
  n: number,
  steps: number,
  classes: number,
  characters: readonly string[],
): DecodedChar[][] {
  const result: DecodedChar[][] = [];
  for (let i = 0; i < n; i++) {
    const chars: Array<{ char: string; probability: number; first: number; last: number }> = [];
    let previous = 0;
    for (let t = 0; t < steps; t++) {
      const base = (i * steps + t) * classes;
      let best = 0;
      let bestP = output[base]!;
      for (let c = 1; c < classes; c++) {
        const p = output[base + c]!;
        if (p > bestP) {
          bestP = p;
          best = c;
        }
      }
      if (best !== 0 && best === previous) {
        const last = chars[chars.length - 1]!;
        last.last = t;
        last.probability = Math.max(last.probability, bestP);
      } else if (best !== 0) {
        chars.push({ char: characters[best] ?? '', probability: bestP, first: t, last: t });
      }
      previous = best;
    }
    result.push(chars);
  }
  return result;
}
