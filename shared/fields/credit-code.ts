/**
 * GB 32100-2015 统一社会信用代码: 18 characters from 31 (digits and capitals without I, O, Z,
 * S, V); registration authority, organization type, 6-digit division code, the 9-character
 * organization code (GB 11714, with its own check) and a check character (mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type CreditCodeVerdict =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'format' | 'checksum' | 'org-checksum'; readonly expected?: string };

export function creditCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + ALPHABET.indexOf(ch) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check of the organization code (positions 9–17): mod 11, 10 is X, 11 is 0. */
export function orgCheckCharacter(first8: string): string {
  const sum = [...first8].reduce((s, ch, i) => s + ALPHABET.indexOf(ch) * ORG_WEIGHTS[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function checkCreditCode(input: string): CreditCodeVerdict {
  const value = input.trim().toUpperCase();
  if (!/^[1-9A-HJ-NP-RTUWXY][1-9][0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(value)) return { ok: false, reason: 'format' };
  const expected = creditCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, reason: 'checksum', expected };
  const org = value.slice(8, 17);
  if (/^[0-9A-HJ-NP-RTUWXY]{8}[0-9X]$/.test(org) && orgCheckCharacter(org.slice(0, 8)) !== org[8]) {
    return { ok: false, reason: 'org-checksum', expected: orgCheckCharacter(org.slice(0, 8)) };
  }
  return { ok: true, value };
}
