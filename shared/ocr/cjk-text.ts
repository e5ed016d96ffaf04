/**
 * Chinese is written without spaces, yet OCR engines (Tesseract above all: OCRmyPDF #715,
 * paperless-ngx #3636) put spaces between 汉字. Spaces between two CJK characters, and beside
 * full-width punctuation (which carries its own spacing), are removed; spaces between Latin
 * words, and between a number and 汉字 (1981 年 12 月, as ID cards print it), stay.
 */
const CJK_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3001-\\u303F\\uFF01-\\uFF60\\uFFE0-\\uFFEF]';
const WIDE_PUNCT = '[\\u3001-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF60]';
const SPACE = '[ \\t\\u00A0\\u3000]+';
const SPACES_BETWEEN_CJK = new RegExp(
  `(?<=${CJK_CLASS})${SPACE}(?=${CJK_CLASS})|(?<=${WIDE_PUNCT})${SPACE}|${SPACE}(?=${WIDE_PUNCT})`,
  'gu',
);

export function removeCjkSpaces(text: string): string {
  return text.replace(SPACES_BETWEEN_CJK, '').replace(/[ \t\u00A0\u3000]{2,}/g, ' ');
}

export interface TextToken {
  readonly text: string;
  /** Index of the token's first and one past its last UTF-16 unit in the line text. */
  readonly start: number;
  readonly end: number;
}

type CharClass = 'han' | 'word' | 'space' | 'mark';

const classOf = (ch: string): CharClass => {
  if (/\s/u.test(ch)) return 'space';
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) return 'han';
  if (/[\p{L}\p{N}]/u.test(ch)) return 'word';
  return 'mark';
};

/** Joiners inside a number or code: 258,370.00 · 2025-05-06 · 2025.5.6 · A/B · 10:30. */
const JOINER = /^[.,\-/:_]$/;

/**
 * Split a line into the words a clerk would click: a run of 汉字, a number or Latin word (with
 * its inner punctuation), or one punctuation mark.
 */
export function splitWords(line: string): TextToken[] {
  const chars = Array.from(line);
  const tokens: TextToken[] = [];
  let offset = 0;
  let current: { cls: CharClass; start: number; text: string } | null = null;
  const flush = () => {
    if (current && current.cls !== 'space') tokens.push({ text: current.text, start: current.start, end: current.start + current.text.length });
    current = null;
  };
  chars.forEach((ch, i) => {
    let cls = classOf(ch);
    // A joiner between two word characters belongs to the word.
    if (cls === 'mark' && JOINER.test(ch) && current?.cls === 'word' && classOf(chars[i + 1] ?? ' ') === 'word') cls = 'word';
    if (current && current.cls === cls && cls !== 'mark') current.text += ch;
    else {
      flush();
      current = { cls, start: offset, text: ch };
    }
    offset += ch.length;
  });
  flush();
  return tokens;
}

/**
 * Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) as their ASCII forms: recognizers read a
 * letter-spaced number (an ID card's) as full-width, and every field rule expects ASCII.
 * Chinese punctuation (，。：（）) stays as printed.
 */
export function asciiAlphanumerics(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * An 18-character ID number ends in X, never in ×: a run of 17 digits followed by × (or a
 * lowercase x) is an ID number whose check character was read with the wrong glyph.
 */
export function fixIdCheckCharacter(text: string): string {
  return text.replace(/(?<!\d)(\d{17})[×xХх](?![\dA-Za-z])/g, '$1X');
}
