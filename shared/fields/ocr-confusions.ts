/**
 * Characters OCR engines read in place of digits. Inside a run that is otherwise digits, they
 * are the digit they look like; everywhere else they are left alone.
 */
const AS_DIGIT: Readonly<Record<string, string>> = {
  O: '0', o: '0', D: '0', Q: '0', '〇': '0', U: '0',
  I: '1', l: '1', i: '1', '|': '1', '!': '1', L: '1',
  Z: '2', z: '2',
  S: '5', s: '5',
  G: '6', b: '6',
  T: '7',
  B: '8',
  g: '9', q: '9',
};

export const CONFUSABLE_DIGIT = `[0-9${Object.keys(AS_DIGIT).join('').replace(/[\\\]^|-]/g, '\\$&')}]`;

export interface DigitReading {
  readonly digits: string;
  /** What was changed, e.g. `O→0`, for the proposal's notes. */
  readonly corrections: readonly string[];
}

/** Read a run as digits, correcting look-alikes; null when a character is no digit look-alike. */
export function readDigits(run: string): DigitReading | null {
  let digits = '';
  const corrections: string[] = [];
  for (const ch of run) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (AS_DIGIT[ch] !== undefined) {
      digits += AS_DIGIT[ch];
      corrections.push(`${ch}→${AS_DIGIT[ch]}`);
    } else return null;
  }
  return { digits, corrections };
}

/** How sure a value is after corrections: each corrected character costs a little. */
export const correctionPenalty = (corrections: readonly string[]): number => Math.max(0.5, 1 - 0.1 * corrections.length);

/** Corrections in the notes a clerk sees, deduplicated. */
export const correctionNotes = (corrections: readonly string[]): string[] =>
  corrections.length === 0 ? [] : [`OCR 校正 corrected: ${[...new Set(corrections)].join(', ')}`];
