import { CONFUSABLE_DIGIT, readDigits } from './ocr-confusions';

/** A real calendar day, as YYYY-MM-DD. */
export function isValidDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export interface FoundDate {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly value: string;
  readonly corrections: readonly string[];
}

const D = CONFUSABLE_DIGIT;
/** 2025年5月6日 · 2025-05-06 · 2025.5.6 · 2025/5/6 (whitespace already removed). */
const NUMERIC = new RegExp(`(?<![0-9])(${D}{4})(?:(年)(${D}{1,2})月(${D}{1,2})日|([-./])(${D}{1,2})\\5(${D}{1,2})(?![0-9]))`, 'g');
const HAN_DIGIT = '〇零○一二三四五六七八九';
const HAN_DATE = new RegExp(`([${HAN_DIGIT}]{4})年([${HAN_DIGIT}十]{1,3})月([${HAN_DIGIT}十]{1,3})日`, 'g');

/** Every date written out in a text, with its place; look-alike characters in digits corrected. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(NUMERIC)) {
    const parts = m[2] ? [m[1]!, m[3]!, m[4]!] : [m[1]!, m[6]!, m[7]!];
    const read = parts.map(readDigits);
    if (read.some((r) => r === null || r.digits.length === 0)) continue;
    const [y, mo, d] = read.map((r) => Number(r!.digits)) as [number, number, number];
    const value = iso(y, mo, d);
    // Only digits in numeric slots may be corrected; a mostly-letter run is no date.
    const corrections = read.flatMap((r) => r!.corrections);
    if (!isValidDate(value) || y < 1900 || y > 2100 || corrections.length > 2) continue;
    found.push({ start: m.index, end: m.index + m[0].length, raw: m[0], value, corrections });
  }
  for (const m of text.matchAll(HAN_DATE)) {
    const y = Number([...m[1]!].map(hanDigit).join(''));
    const value = iso(y, hanNumber(m[2]!), hanNumber(m[3]!));
    if (isValidDate(value)) found.push({ start: m.index, end: m.index + m[0].length, raw: m[0], value, corrections: [] });
  }
  return found.sort((a, b) => a.start - b.start);
}

const hanDigit = (ch: string): number => (ch === '〇' || ch === '零' || ch === '○' ? 0 : HAN_DIGIT.indexOf(ch) - 2);

/** 五 → 5, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31. */
function hanNumber(s: string): number {
  if (!s.includes('十')) return Number([...s].map(hanDigit).join(''));
  const [tens, ones] = s.split('十') as [string, string];
  return (tens === '' ? 1 : hanDigit(tens)) * 10 + (ones === '' ? 0 : hanDigit(ones));
}

/** A keyed date in any of the written forms (also YYYYMMDD, as DA/T 46 stores it), as YYYY-MM-DD. */
export function parseDate(input: string): string | null {
  const text = input.replace(/\s+/g, '');
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) {
    const value = iso(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    return isValidDate(value) ? value : null;
  }
  const found = findDates(text);
  const only = found.length === 1 ? found[0]! : null;
  return only && only.start === 0 && only.end === text.length && only.corrections.length === 0 ? only.value : null;
}
