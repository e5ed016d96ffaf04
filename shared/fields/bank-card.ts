/** Luhn (ISO/IEC 7812) over a card number's digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type BankCardVerdict = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: 'format' | 'checksum' };

/** A bank card number: 16–19 digits (spaces and dashes as printed are dropped), Luhn-valid. */
export function checkBankCard(input: string): BankCardVerdict {
  const value = input.replace(/[\s-]/g, '');
  if (!/^\d{16,19}$/.test(value)) return { ok: false, reason: 'format' };
  return luhnValid(value) ? { ok: true, value } : { ok: false, reason: 'checksum' };
}

/** A mainland mobile number: 11 digits, 1 then 3–9 (a +86 prefix and separators are dropped). */
export function checkMobile(input: string): { readonly ok: boolean; readonly value: string } {
  const value = input.replace(/[\s-]/g, '').replace(/^(?:\+?86)(?=1\d{10}$)/, '');
  return { ok: /^1[3-9]\d{9}$/.test(value), value };
}
