import { AMOUNT_WORD_CHARS, parseAmountWords } from './amount-words';
import { CONFUSABLE_DIGIT, readDigits } from './ocr-confusions';

export interface FoundAmount {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** Fen (1/100 yuan). */
  readonly fen: number;
  readonly kind: 'figures' | 'words';
  readonly corrections: readonly string[];
}

const D = CONFUSABLE_DIGIT;
/**
 * Figures count as an amount with a currency mark (¥, ￥, RMB, 人民币) before or 元 after:
 * ¥258,370.00 · 人民币12300元 · 12,300.50元. Plain numbers are account numbers, dates, phones.
 */
const FIGURES = new RegExp(
  `(?:(¥|￥|RMB|人民币)[:：]?)?(?<![0-9.,])(${D}{1,3}(?:,${D}{3})+|${D}+)(?:\\.(${D}{1,2}))?(?![0-9])(元)?`,
  'g',
);
const WORDS = new RegExp(`(?:人民币)?[:：]?[${AMOUNT_WORD_CHARS}]{2,}`, 'g');

/**
 * Every amount in a text (whitespace already removed), in figures or in capitals. Figures
 * without a currency mark count where `labelled` says an amount label stands before them
 * (申请金额 900,000.00 under a 单位：元 header).
 */
export function findAmounts(text: string, labelled: (index: number) => boolean = () => false): FoundAmount[] {
  const found: FoundAmount[] = [];
  for (const m of text.matchAll(FIGURES)) {
    if (!m[1] && !m[4] && !labelled(m.index)) continue;
    const integer = readDigits(m[2]!.replace(/,/g, ''));
    const cents = m[3] === undefined ? { digits: '00', corrections: [] } : readDigits(m[3].padEnd(2, '0'));
    if (!integer || !cents || integer.digits.length > 13) continue;
    const corrections = [...integer.corrections, ...cents.corrections];
    // A currency sign and a word of letters is no amount (¥ABC); a few look-alikes are.
    if (corrections.length > Math.max(1, integer.digits.length / 3)) continue;
    found.push({
      start: m.index, end: m.index + m[0].length, raw: m[0], kind: 'figures', corrections,
      fen: Number(integer.digits) * 100 + Number(cents.digits),
    });
  }
  for (const m of text.matchAll(WORDS)) {
    // Capitals need a unit of money; 十二月 or 一二三 alone are not amounts.
    if (!/[元圆圓角分]/.test(m[0])) continue;
    const fen = parseAmountWords(m[0]);
    if (fen === null || fen === 0) continue;
    found.push({ start: m.index, end: m.index + m[0].length, raw: m[0], fen, kind: 'words', corrections: [] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Keyed figures (¥ and thousands separators allowed) as fen; null when not an amount. */
export function parseAmountFigures(input: string): number | null {
  const m = /^(?:¥|￥|RMB|人民币)?[:：]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?元?$/.exec(input.replace(/\s+/g, ''));
  if (!m) return null;
  return Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}
