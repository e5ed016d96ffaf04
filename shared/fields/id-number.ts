import { isValidDate } from './dates';

/** GB 11643-1999: weights of the 17 digits, and the check character for sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type IdNumberVerdict =
  | { readonly ok: true; readonly value: string; readonly birthDate: string; readonly sex: 'male' | 'female' }
  | { readonly ok: false; readonly reason: 'format' | 'region' | 'birth-date' | 'checksum'; readonly expected?: string };

export const idCheckCharacter = (first17: string): string => {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return CHECK[sum % 11]!;
};

/** Validate an 18-character resident ID number: format, province code, birth date, check character. */
export function checkIdNumber(input: string, today: Date = new Date()): IdNumberVerdict {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'format' };
  // Province-level codes run from 11 (Beijing) to 82 (Macao); 0x and 9x do not exist.
  const province = Number(value.slice(0, 2));
  if (province < 11 || province > 82) return { ok: false, reason: 'region' };
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const year = Number(value.slice(6, 10));
  if (!isValidDate(birth) || year < 1900 || new Date(`${birth}T00:00:00Z`) > today) return { ok: false, reason: 'birth-date' };
  const expected = idCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, reason: 'checksum', expected };
  return { ok: true, value, birthDate: birth, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}
