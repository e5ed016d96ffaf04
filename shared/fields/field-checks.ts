import { formatFen, parseAmountWords } from './amount-words';
import { parseAmountFigures } from './amounts';
import { checkBankCard, checkMobile } from './bank-card';
import { checkCreditCode } from './credit-code';
import { parseDate } from './dates';
import { checkIdNumber } from './id-number';

/** A verdict for a keyed value, with the reason in Chinese and English. */
export type CheckResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: { readonly zh: string; readonly en: string } };

const ok = (value: string): CheckResult => ({ ok: true, value });
const bad = (zh: string, en: string): CheckResult => ({ ok: false, message: { zh, en } });

/**
 * The validators for keyed metadata (the same rules the OCR proposals pass), each returning the
 * normalized value: ID numbers upper-case, dates YYYY-MM-DD, amounts 12300.00.
 */
export const fieldChecks = {
  idNumber(value: string): CheckResult {
    const v = checkIdNumber(value);
    if (v.ok) return ok(v.value);
    switch (v.reason) {
      case 'format':
        return bad('证件号码应为 18 位，最后一位可为 X', 'an ID number has 18 characters, the last may be X');
      case 'region':
        return bad('证件号码的地区码不存在', 'the ID number’s region code does not exist');
      case 'birth-date':
        return bad('证件号码中的出生日期无效', 'the birth date inside the ID number is not a valid date');
      case 'checksum':
        return bad(`证件号码校验位不符（应为 ${v.expected}），请核对`, `the ID number’s check character is wrong (expected ${v.expected}); please check`);
    }
  },
  creditCode(value: string): CheckResult {
    const v = checkCreditCode(value);
    if (v.ok) return ok(v.value);
    return v.reason === 'format'
      ? bad('统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）', 'a credit code has 18 digits or capitals (no I, O, Z, S, V)')
      : bad(`统一社会信用代码校验位不符（应为 ${v.expected}）`, `the credit code’s check character is wrong (expected ${v.expected})`);
  },
  bankCard(value: string): CheckResult {
    const v = checkBankCard(value);
    if (v.ok) return ok(v.value);
    return v.reason === 'format'
      ? bad('银行卡号应为 16 至 19 位数字', 'a bank card number has 16 to 19 digits')
      : bad('银行卡号校验不通过，请核对', 'the bank card number fails its check digit; please check');
  },
  mobile(value: string): CheckResult {
    const v = checkMobile(value);
    return v.ok ? ok(v.value) : bad('手机号码应为 1 开头的 11 位数字', 'a mobile number has 11 digits starting with 1');
  },
  date(value: string): CheckResult {
    const iso = parseDate(value);
    return iso ? ok(iso) : bad('日期无效，请写作 2025-05-06、2025年5月6日或 20250506', 'not a valid date; write 2025-05-06, 2025年5月6日 or 20250506');
  },
  amount(value: string): CheckResult {
    const fen = parseAmountFigures(value);
    return fen === null ? bad('金额应为数字，如 12300.00', 'an amount is a number, e.g. 12300.00') : ok(formatFen(fen));
  },
  amountWords(value: string): CheckResult {
    const fen = parseAmountWords(value);
    return fen === null
      ? bad('大写金额无法识别，如：壹万贰仟叁佰元整', 'the amount in words cannot be read, e.g. 壹万贰仟叁佰元整')
      : ok(formatFen(fen));
  },
} as const;
