import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountInWords, formatFen, MAX_WORDS_FEN, parseAmountWords } from '../../shared/fields/amount-words';
import { findAmounts, parseAmountFigures } from '../../shared/fields/amounts';
import { checkBankCard, checkMobile, luhnValid } from '../../shared/fields/bank-card';
import { checkCreditCode } from '../../shared/fields/credit-code';
import { findDates, isValidDate, parseDate } from '../../shared/fields/dates';
import { fieldChecks } from '../../shared/fields/field-checks';
import { checkIdNumber, idCheckCharacter } from '../../shared/fields/id-number';
import { readDigits } from '../../shared/fields/ocr-confusions';

describe('ID numbers (GB 11643)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['310115196604277511', '1966-04-27', 'male'],
    ['44030519811202416X', '1981-12-02', 'female'],
    ['320102196702164801', '1967-02-16', 'female'],
  ])('accepts %s (born %s)', (id, birth, sex) => {
    expect(checkIdNumber(id)).toEqual({ ok: true, value: id, birthDate: birth, sex });
  });

  it('upper-cases a lowercase x check character', () => {
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it.each([
    ['310115196604277512', 'checksum'],
    ['11010519491231002 ', 'format'],
    ['1101051949123100', 'format'],
    ['11010519491231002Y', 'format'],
    ['990105194912310021', 'region'],
    ['011015196604277511', 'region'],
    ['310115199902307511', 'birth-date'], // 30 February
    ['310115189912317511', 'birth-date'], // before 1900
  ])('refuses %s (%s)', (id, reason) => {
    expect(checkIdNumber(id)).toMatchObject({ ok: false, reason });
  });

  it('refuses a birth date in the future', () => {
    expect(checkIdNumber('110105204912310021', new Date('2030-01-01'))).toMatchObject({ ok: false, reason: 'birth-date' });
  });

  it('names the expected check character', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, reason: 'checksum', expected: 'X' });
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it.each(['91330100799655058B', '91440300708461136T', '914403001922038216', '91350100M000100Y43', '91110108551385082Q'])(
    'accepts %s',
    (code) => expect(checkCreditCode(code)).toEqual({ ok: true, value: code }),
  );

  it.each([
    ['91330100799655058A', 'checksum'],
    ['91330100799655058', 'format'],
    ['9133010079965505IB', 'format'], // I is not in the alphabet
    ['01330100799655058B', 'format'], // authority 0 does not exist
  ])('refuses %s (%s)', (code, reason) => expect(checkCreditCode(code)).toMatchObject({ ok: false, reason }));
});

describe('bank cards (Luhn) and mobiles', () => {
  it.each(['6222020670118901354', '6225880977332242206', '4111111111111111', '6225 8809 7733 2242 206'])('accepts %s', (card) => {
    expect(checkBankCard(card).ok).toBe(true);
  });

  it.each([
    ['6222020670118901355', 'checksum'],
    ['622202067011890', 'format'],
    ['62220206701189013541', 'format'],
  ])('refuses %s (%s)', (card, reason) => expect(checkBankCard(card)).toMatchObject({ ok: false, reason }));

  it('runs Luhn on digits only', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('7992 7398 713')).toBe(false);
  });

  it.each([
    ['18689801891', true],
    ['+86 186-8980-1891', true],
    ['8618689801891', true],
    ['12345678901', false],
    ['1868980189', false],
  ])('mobile %s → %s', (input, ok) => expect(checkMobile(input).ok).toBe(ok));
});

describe('dates', () => {
  it.each([
    ['2025年5月6日', '2025-05-06'],
    ['2023年05月04日', '2023-05-04'],
    ['2025-05-06', '2025-05-06'],
    ['2025.5.6', '2025-05-06'],
    ['2025/5/6', '2025-05-06'],
    ['20250506', '2025-05-06'],
    ['1981 年 12 月 2 日', '1981-12-02'],
    ['二〇二五年五月六日', '2025-05-06'],
    ['二〇二四年十二月二十五日', '2024-12-25'],
  ])('reads %s as %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each(['2025年2月30日', '2025-13-01', '2025.5', '20250230', '2O25年5月6日', '明天'])('refuses %s when keyed', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('knows leap years', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
  });

  it('finds dates in running text and corrects look-alikes in found ones', () => {
    const found = findDates('自2024年07月14日起至2044.07.14止，签于2O23年5月4日');
    expect(found.map((d) => d.value)).toEqual(['2024-07-14', '2044-07-14', '2023-05-04']);
    expect(found[2]!.corrections).toEqual(['O→0']);
  });

  it('does not take a range of digits or a mostly-letter run for a date', () => {
    expect(findDates('TQ202305063696')).toEqual([]);
    expect(findDates('ISBO-ll-ZZ')).toEqual([]);
  });
});

describe('amounts', () => {
  it.each([
    ['壹万贰仟叁佰元整', 1_230_000],
    ['人民币壹万贰仟叁佰元整', 1_230_000],
    ['贰拾伍万捌仟叁佰柒拾元整', 25_837_000],
    ['壹佰零肆万元整', 104_000_000],
    ['壹拾万零伍佰元整', 10_050_000],
    ['人民币叁佰元伍角陆分', 30_056],
    ['叁佰元零陆分', 30_006],
    ['玖角', 90],
    ['伍分', 5],
    ['壹亿贰仟万元整', 12_000_000_000],
    ['拾伍元整', 1_500],
    ['一万二千三百元整', 1_230_000],
  ])('reads %s', (words, fen) => expect(parseAmountWords(words)).toBe(fen));

  it.each(['壹贰元', '元角分', '壹万贰仟叁佰', '叁佰元伍陆角', '人民币'])('refuses %s', (words) => {
    expect(parseAmountWords(words)).toBeNull();
  });

  it.each([
    [1_230_000, '壹万贰仟叁佰元整'],
    [25_837_000, '贰拾伍万捌仟叁佰柒拾元整'],
    [104_000_000, '壹佰零肆万元整'],
    [10_050_000, '壹拾万零伍佰元整'],
    [10_000_500_000, '壹亿零伍仟元整'],
    [1_000_000_000_000, '壹佰亿元整'],
    [30_056, '叁佰元伍角陆分'],
    [30_006, '叁佰元零陆分'],
    [30_050, '叁佰元伍角整'],
    [90, '玖角整'],
    [5, '伍分'],
    [1_000, '壹拾元整'],
    [0, '零元整'],
  ])('writes %i fen as %s', (fen, words) => expect(amountInWords(fen)).toBe(words));

  it('writes words that read back as the same amount, for any amount', () => {
    // Digits drawn mostly as zeros: runs of zeros inside and across 万 and 亿 are where 零 goes wrong.
    const amounts = fc.array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 14 }).map((d) => Number(d.join('')));
    fc.assert(fc.property(amounts, (fen) => parseAmountWords(amountInWords(fen)!) === fen), { numRuns: 3000 });
  });

  it.each([-1, 0.5, MAX_WORDS_FEN + 1, Number.NaN])('writes no words for %d', (fen) => expect(amountInWords(fen)).toBeNull());

  it.each([
    ['¥258,370.00', 25_837_000],
    ['12300', 1_230_000],
    ['12,300.5元', 1_230_050],
    ['人民币12300元', 1_230_000],
  ])('reads figures %s', (text, fen) => expect(parseAmountFigures(text)).toBe(fen));

  it('refuses malformed figures', () => {
    expect(parseAmountFigures('12,30.00')).toBeNull();
    expect(parseAmountFigures('¥')).toBeNull();
  });

  it('formats fen as the figures forms print', () => {
    expect(formatFen(25_837_000)).toBe('258370.00');
    expect(formatFen(5)).toBe('0.05');
  });

  it('finds amounts only with a currency mark, 元 or a label, and corrects look-alikes', () => {
    const found = findAmounts('账号633424351699余额为人民币172,482.37元，提取¥258,37O.00，大写贰拾伍万捌仟叁佰柒拾元整，十二月');
    expect(found.map((a) => [a.kind, a.fen])).toEqual([
      ['figures', 17_248_237],
      ['figures', 25_837_000],
      ['words', 25_837_000],
    ]);
    expect(found[1]!.corrections).toEqual(['O→0']);
    expect(findAmounts('申请金额900,000.00', (at) => at === 4).map((a) => a.fen)).toEqual([90_000_000]);
  });
});

describe('look-alike digits', () => {
  it('reads O/o/D as 0, l/I/| as 1, Z as 2, S as 5, B as 8', () => {
    expect(readDigits('3lO1Z5S6B')).toEqual({ digits: '310125568', corrections: ['l→1', 'O→0', 'Z→2', 'S→5', 'B→8'] });
  });

  it('gives up on characters that look like no digit', () => {
    expect(readDigits('12A4')).toBeNull();
  });
});

describe('field checks for keyed metadata', () => {
  it('returns normalized values', () => {
    expect(fieldChecks.idNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(fieldChecks.date('2025年5月6日')).toEqual({ ok: true, value: '2025-05-06' });
    expect(fieldChecks.amount('¥12,300')).toEqual({ ok: true, value: '12300.00' });
    expect(fieldChecks.amountWords('壹万贰仟叁佰元整')).toEqual({ ok: true, value: '12300.00' });
    expect(fieldChecks.bankCard('6225 8809 7733 2242 206')).toEqual({ ok: true, value: '6225880977332242206' });
    expect(fieldChecks.mobile('186 8980 1891')).toEqual({ ok: true, value: '18689801891' });
    expect(fieldChecks.creditCode('91330100799655058b')).toEqual({ ok: true, value: '91330100799655058B' });
  });

  it('says what is wrong, in Chinese and English', () => {
    const result = fieldChecks.idNumber('310115196604277512');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message.zh).toContain('校验位');
      expect(result.message.en).toContain('expected 1');
    }
    expect(fieldChecks.date('2025年2月30日')).toMatchObject({ ok: false });
    expect(fieldChecks.amountWords('壹贰元')).toMatchObject({ ok: false });
  });
});
