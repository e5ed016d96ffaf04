import type { FieldProposal, OcrRecognition } from '../contract/ocr';
import { formatFen } from './amount-words';
import { findAmounts } from './amounts';
import { checkBankCard } from './bank-card';
import { findChoices, type ChoiceField } from './choices';
import { checkCreditCode } from './credit-code';
import { findDates } from './dates';
import { evidence, pageRows, type Row } from './field-text';
import { checkIdNumber } from './id-number';
import { DEFAULT_FIELD_PATTERNS, findNames, findPatterned, labelBefore, labelRightBefore, round, type FieldPattern } from './labeled-values';
import { correctionNotes, correctionPenalty, CONFUSABLE_DIGIT, readDigits } from './ocr-confusions';

export interface ExtractOptions {
  readonly patterns?: readonly FieldPattern[];
  readonly today?: Date;
  /** The scheme's choice elements (证件类型, 婚姻状况), proposed as one of their choices. */
  readonly choiceFields?: readonly ChoiceField[];
}

const D = CONFUSABLE_DIGIT;
const ID_RUN = new RegExp(`(?<![0-9A-Za-z])${D}{17}[${D.slice(1, -1)}Xx×](?![0-9A-Za-z])`, 'g');
const CREDIT_RUN = /(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/g;
const CARD_RUN = new RegExp(`(?<![0-9A-Za-z])${D}{16,19}(?![0-9A-Za-z×])`, 'g');
const MOBILE_RUN = new RegExp(`(?<![0-9A-Za-z])1[3-9]${D}{9}(?![0-9A-Za-z×])`, 'g');

const ID_LABELS = ['公民身份号码', '身份证号码', '身份证号', '证件号码', '身份号码'];
const CARD_LABELS = ['银行卡号', '卡号', '银行账号', '收款账号'];
const MOBILE_LABELS = ['手机号码', '手机', '联系电话', '电话', 'Tel'];
const CREDIT_LABELS = ['统一社会信用代码', '信用代码'];
const AMOUNT_LABELS = ['金额', '余额', '价款', '房款'];
const DATE_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['出生', '出生日期'],
  ['有效期', '有效期限'],
];

/**
 * Field values proposed from a page's OCR, each with the word boxes it was read from and a
 * confidence: the least sure source word, lowered for corrected look-alikes and unlabelled
 * finds, raised when capitals and figures of an amount agree. Best proposal first per field.
 */
export function extractFields(page: OcrRecognition, options: ExtractOptions = {}): FieldProposal[] {
  const rows = pageRows(page);
  const ids = idNumbers(rows, options.today);
  const proposals = [
    ...ids,
    ...findChoices(rows, options.choiceFields ?? [], ids),
    ...creditCodes(rows),
    ...bankCards(rows),
    ...mobiles(rows),
    ...dates(rows),
    ...amounts(rows),
    ...findNames(rows),
    ...findPatterned(rows, options.patterns ?? DEFAULT_FIELD_PATTERNS),
  ];
  return bestFirst(proposals);
}

function propose(row: Row, start: number, end: number, field: string, value: string, factor: number, notes: string[]): FieldProposal {
  const { boxes, confidence } = evidence(row, start, end);
  return { field, value, raw: row.text.slice(start, end), confidence: round(confidence * factor), boxes, notes };
}

function idNumbers(rows: readonly Row[], today?: Date): FieldProposal[] {
  return rows.flatMap((row) =>
    [...row.text.matchAll(ID_RUN)].flatMap((m) => {
      const body = readDigits(m[0].slice(0, 17));
      if (!body) return [];
      const last = m[0][17]!;
      const check = /[Xx×]/.test(last) ? 'X' : readDigits(last)?.digits;
      const corrections = [...body.corrections, ...(check !== last && check !== 'X' ? [`${last}→${check}`] : [])];
      const verdict = checkIdNumber(body.digits + check, today);
      if (!verdict.ok || corrections.length > 3) return [];
      const label = labelBefore(row, m.index, ID_LABELS);
      return [propose(row, m.index, m.index + 18, '证件号码', verdict.value, correctionPenalty(corrections) * (label ? 1 : 0.9), [
        ...(label ? [`标签 label: ${label}`] : []), ...correctionNotes(corrections),
      ])];
    }),
  );
}

function creditCodes(rows: readonly Row[]): FieldProposal[] {
  return rows.flatMap((row) =>
    [...row.text.toUpperCase().matchAll(CREDIT_RUN)].flatMap((m) => {
      // The letters GB 32100 leaves out are look-alikes of digits: O→0, I→1, Z→2, S→5; V is U.
      const fixed = m[0].replace(/[OIZSV]/g, (ch) => ({ O: '0', I: '1', Z: '2', S: '5', V: 'U' })[ch]!);
      const verdict = checkCreditCode(fixed);
      if (!verdict.ok || /^\d{17}[\dX]$/.test(fixed)) return []; // an ID number is no credit code
      const corrections = [...m[0]].flatMap((ch, i) => (ch !== fixed[i] ? [`${ch}→${fixed[i]}`] : []));
      const label = labelBefore(row, m.index, CREDIT_LABELS);
      return [propose(row, m.index, m.index + 18, '统一社会信用代码', verdict.value, correctionPenalty(corrections) * (label ? 1 : 0.9), [
        ...(label ? [`标签 label: ${label}`] : []), ...correctionNotes(corrections),
      ])];
    }),
  );
}

function bankCards(rows: readonly Row[]): FieldProposal[] {
  return rows.flatMap((row) =>
    [...row.text.matchAll(CARD_RUN)].flatMap((m) => {
      const read = readDigits(m[0]);
      if (!read || read.corrections.length > 2) return [];
      const verdict = checkBankCard(read.digits);
      const label = labelBefore(row, m.index, CARD_LABELS);
      // Luhn passes one random number in ten: without a label only card-like prefixes count, and
      // never a valid ID number.
      if (!verdict.ok || checkIdNumber(read.digits).ok || (!label && !/^(62|4|5[1-5]|3[47])/.test(read.digits))) return [];
      return [propose(row, m.index, m.index + m[0].length, '银行卡号', verdict.value, correctionPenalty(read.corrections) * (label ? 1 : 0.85), [
        ...(label ? [`标签 label: ${label}`] : []), ...correctionNotes(read.corrections),
      ])];
    }),
  );
}

function mobiles(rows: readonly Row[]): FieldProposal[] {
  return rows.flatMap((row) =>
    [...row.text.matchAll(MOBILE_RUN)].flatMap((m) => {
      const read = readDigits(m[0]);
      if (!read || read.corrections.length > 1) return [];
      const label = labelBefore(row, m.index, MOBILE_LABELS);
      return [propose(row, m.index, m.index + 11, '手机号码', read.digits, correctionPenalty(read.corrections) * (label ? 1 : 0.85), [
        ...(label ? [`标签 label: ${label}`] : []), ...correctionNotes(read.corrections),
      ])];
    }),
  );
}

function dates(rows: readonly Row[]): FieldProposal[] {
  return rows.flatMap((row) =>
    findDates(row.text).map((d) => {
      const kind = DATE_LABELS.find(([label]) => labelBefore(row, d.start, [label]));
      const labelled = labelBefore(row, d.start, ['日期', '日', '签订', '签署', '出具', '办理']);
      const factor = correctionPenalty(d.corrections) * (labelled || kind ? 1 : 0.9);
      return propose(row, d.start, d.end, kind?.[1] ?? '日期', d.value, factor, correctionNotes(d.corrections));
    }),
  );
}

/** Amounts in figures and capitals; a pair that agrees is sure, one that disagrees is flagged. */
function amounts(rows: readonly Row[]): FieldProposal[] {
  const found = rows.flatMap((row) =>
    findAmounts(row.text, (at) => labelRightBefore(row, at, AMOUNT_LABELS) !== null).map((a) => ({ row, a })),
  );
  const words = found.filter((f) => f.a.kind === 'words');
  const figures = found.filter((f) => f.a.kind === 'figures');
  return found.map(({ row, a }) => {
    const other = a.kind === 'words' ? figures : words;
    const agrees = other.some((o) => o.a.fen === a.fen);
    const notes = [...correctionNotes(a.corrections)];
    const p = propose(row, a.start, a.end, '金额', formatFen(a.fen), correctionPenalty(a.corrections), notes);
    if (agrees) {
      // Two readings that agree: half the doubt of one.
      notes.push('大写与小写一致 capitals and figures agree');
      return { ...p, confidence: round(1 - (1 - p.confidence) / 2) };
    }
    if (other.length > 0) {
      notes.push(`大写与小写不一致 capitals and figures disagree: ${other.map((o) => formatFen(o.a.fen)).join(', ')}`);
      return { ...p, confidence: round(p.confidence * 0.5) };
    }
    return p;
  });
}

/** Per field, best first; the same value found twice is proposed once (its surer reading). */
function bestFirst(proposals: readonly FieldProposal[]): FieldProposal[] {
  const seen = new Map<string, FieldProposal>();
  for (const p of proposals) {
    const key = `${p.field}\u0000${p.value}`;
    const before = seen.get(key);
    if (!before || before.confidence < p.confidence) seen.set(key, p);
  }
  return [...seen.values()].sort((a, b) => a.field.localeCompare(b.field) || b.confidence - a.confidence);
}
