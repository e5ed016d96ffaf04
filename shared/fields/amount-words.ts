/**
 * Amounts in Chinese capitals (大写): 壹万贰仟叁佰元整 = 12300.00, 人民币叁佰元伍角陆分 = 300.56.
 * Everyday numerals (一二三, 十百千) and traditional forms (萬, 圓) are read as well, because
 * forms are filled in by hand and OCR returns what is written.
 */
const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 叁: 3, 參: 3, 三: 3, 肆: 4, 四: 4, 伍: 5, 五: 5,
  陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

export const AMOUNT_WORD_CHARS = `${Object.keys(DIGITS).join('')}${Object.keys(SMALL_UNITS).join('')}${Object.keys(BIG_UNITS).join('')}元圆圓角分整正`;

/** Whole units (元) of an integer part like 贰拾伍万捌仟叁佰柒拾; null when malformed. */
function integerPart(s: string): number | null {
  let yi = 0; // everything before the last 亿, already multiplied
  let wan = 0; // the part before the last 万 since then, already multiplied
  let section = 0; // below 万
  let digit: number | null = null;
  const started = () => yi + wan + section > 0 || digit !== null;
  for (const ch of s) {
    if (DIGITS[ch] !== undefined) {
      if (digit !== null && DIGITS[ch] !== 0 && digit !== 0) return null; // two digits in a row
      digit = DIGITS[ch]!;
    } else if (SMALL_UNITS[ch] !== undefined) {
      // 拾 alone at the start means 壹拾 (十五 = 15).
      if (digit === null && started()) return null;
      section += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = null;
    } else if (BIG_UNITS[ch] === 1e4) {
      const part = section + (digit ?? 0);
      if (part === 0) return null;
      wan += part * 1e4;
      section = 0;
      digit = null;
    } else if (BIG_UNITS[ch] === 1e8) {
      const part = wan + section + (digit ?? 0);
      if (part === 0) return null;
      yi = (yi + part) * 1e8;
      wan = 0;
      section = 0;
      digit = null;
    } else return null;
  }
  return yi + wan + section + (digit ?? 0);
}

/**
 * Parse capitals to fen (1/100 yuan): an optional 人民币, the yuan part ending in 元/圆, then
 * 角 and 分 parts, and 整/正. Null when it is not a well-formed amount.
 */
export function parseAmountWords(input: string): number | null {
  const m = /^(?:人民币|RMB)?[:：]?(?:(.+?)[元圆圓])?(?:([^角分]+)角)?(?:([^角分]+)分)?[整正]?$/.exec(input.replace(/\s+/g, ''));
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  const yuan = m[1] === undefined ? 0 : integerPart(m[1]);
  const jiao = m[2] === undefined ? 0 : singleDigit(m[2]);
  const fen = m[3] === undefined ? 0 : singleDigit(m[3]);
  if (yuan === null || jiao === null || fen === null) return null;
  return yuan * 100 + jiao * 10 + fen;
}

/** 伍 → 5, 零伍 → 5 (a zero may stand before 角/分 digits). */
function singleDigit(s: string): number | null {
  const digits = [...s].map((ch) => DIGITS[ch]);
  if (digits.length === 0 || digits.length > 2 || digits.some((d) => d === undefined)) return null;
  if (digits.length === 2 && digits[0] !== 0) return null;
  return digits[digits.length - 1]!;
}

/** Fen as the figures a form prints: 1230056 → 12300.56. */
export const formatFen = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

const CAPITALS = '零壹贰叁肆伍陆柒捌玖';
const GROUP_UNITS = ['仟', '佰', '拾', ''] as const;

/** The largest amount written in words here: just under a trillion yuan (万亿 is not a unit we write). */
export const MAX_WORDS_FEN = 1e14 - 1;

/**
 * Whole yuan in capitals as a bank form writes them: 壹拾万零伍佰, 壹亿零伍仟 (one 零 stands for
 * any run of zeros before a digit, also across 亿 and 万; trailing zeros are not written).
 */
function integerWords(yuan: number): string {
  if (yuan === 0) return '零';
  let out = '';
  let owesZero = false;
  const groups = [Math.floor(yuan / 1e8), Math.floor(yuan / 1e4) % 1e4, yuan % 1e4];
  groups.forEach((group, gi) => {
    if (group === 0) {
      owesZero = out !== '';
      return;
    }
    [...String(group).padStart(4, '0')].forEach((ch, i) => {
      const d = Number(ch);
      if (d === 0) {
        owesZero ||= out !== '';
        return;
      }
      out += `${owesZero ? '零' : ''}${CAPITALS[d]}${GROUP_UNITS[i]}`;
      owesZero = false;
    });
    out += ['亿', '万', ''][gi];
  });
  return out;
}

/**
 * Fen (1/100 yuan) in capitals, as the 金额大写 line of a form expects: 1230000 → 壹万贰仟叁佰元整,
 * 30006 → 叁佰元零陆分, 90 → 玖角整. 整 follows 元 or 角, never 分 (支付结算办法). Null outside
 * 0 … MAX_WORDS_FEN or for a fraction of a fen.
 */
export function amountInWords(fen: number): string | null {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_WORDS_FEN) return null;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  // Below one yuan the 元 part is left out (伍角整), as parseAmountWords reads it.
  const head = yuan > 0 || fen === 0 ? `${integerWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${head}整`;
  if (cents === 0) return `${head}${CAPITALS[jiao]}角整`;
  const jiaoPart = jiao > 0 ? `${CAPITALS[jiao]}角` : head === '' ? '' : '零';
  return `${head}${jiaoPart}${CAPITALS[cents]}分`;
}
