import { z } from 'zod';
import type { FieldProposal } from '../contract/ocr';
import { evidence, type Row } from './field-text';
import { correctionNotes, correctionPenalty, CONFUSABLE_DIGIT, readDigits } from './ocr-confusions';

/**
 * A field found by its label: the value is what follows the label in the same cell (after a
 * colon) or in the next cell of the row. Centres configure these (contract and account number
 * formats differ by centre); `value` is a regular expression source.
 */
export const FieldPattern = z.object({
  field: z.string().min(1),
  labels: z.array(z.string().min(1)).min(1),
  value: z.string().min(1),
});
export type FieldPattern = z.infer<typeof FieldPattern>;

export const DEFAULT_FIELD_PATTERNS: readonly FieldPattern[] = [
  { field: '贷款合同号', labels: ['借款合同编号', '借款合同号', '贷款合同号', '贷款合同编号', '合同编号', '合同号'], value: '[A-Z]{0,6}[-0-9A-Z]{6,30}' },
  { field: '个人账号', labels: ['个人公积金账号', '个人账号', '公积金账号', '职工账号'], value: '\\d{6,20}' },
  { field: '单位账号', labels: ['单位公积金账号', '单位账号'], value: '\\d{6,20}' },
  { field: '业务流水号', labels: ['业务流水号', '受理编号', '流水号'], value: '[A-Z]{0,6}\\d{6,24}' },
];

/** Labels a person's name stands beside on these forms; the longest label is tried first. */
export const NAME_LABELS = [
  '申请人姓名', '职工姓名', '户主姓名', '法定代表人', '姓名', '借款人', '申请人', '持卡人', '持证人', '买受人', '缴存人', '户主', '兹证明',
] as const;
/** Words that follow a name label in a form's header row but are no name. */
const NOT_A_NAME = /^(性别|民族|证件|身份|出生|住址|签字|签名|签章|承诺|本人|声明|类型|单位|账号|联系|电话|日期)/;
const NAME = /^[\p{Script=Han}][\p{Script=Han}·•]{1,5}/u;

/** Skip what sits between a label and its value: a bracketed role (（甲方）), a colon, spaces. */
const LABEL_TAIL = /^(?:[（(][^）)]{1,6}[）)])?[:：]?\s*/u;

/** Where the value after each label occurrence in the row begins. */
function afterLabels(row: Row, labels: readonly string[]): Array<{ at: number; label: string }> {
  const hits: Array<{ start: number; at: number; label: string }> = [];
  const sorted = [...labels].sort((a, b) => b.length - a.length);
  for (const label of sorted) {
    for (let i = row.text.indexOf(label); i >= 0; i = row.text.indexOf(label, i + 1)) {
      // A shorter label inside a longer one already found (申请人 in 申请人姓名) is the same label.
      if (hits.some((h) => i >= h.start && i < h.start + h.label.length)) continue;
      const tail = LABEL_TAIL.exec(row.text.slice(i + label.length))![0];
      hits.push({ start: i, at: i + label.length + tail.length, label });
    }
  }
  return hits;
}

export function findNames(rows: readonly Row[]): FieldProposal[] {
  return rows.flatMap((row) =>
    afterLabels(row, NAME_LABELS).flatMap(({ at, label }) => {
      const m = NAME.exec(row.text.slice(at));
      if (!m || NOT_A_NAME.test(m[0]) || NAME_LABELS.some((l) => m[0].startsWith(l))) return [];
      const { boxes, confidence } = evidence(row, at, at + m[0].length);
      return [{ field: '姓名', value: m[0], raw: m[0], confidence: round(confidence * 0.95), boxes, notes: [`标签 label: ${label}`] }];
    }),
  );
}

/** Values after configured labels; digit-only formats also read look-alike letters as digits. */
export function findPatterned(rows: readonly Row[], patterns: readonly FieldPattern[]): FieldProposal[] {
  return patterns.flatMap((pattern) => {
    const digitsOnly = /^\\d\{\d+(,\d*)?\}$/.test(pattern.value);
    const source = digitsOnly ? pattern.value.replace('\\d', CONFUSABLE_DIGIT) : pattern.value;
    const value = new RegExp(`^(?:${source})(?![0-9A-Za-z])`, 'u');
    return rows.flatMap((row) =>
      afterLabels(row, pattern.labels).flatMap(({ at, label }) => {
        const m = value.exec(row.text.slice(at));
        if (!m) return [];
        const read = digitsOnly ? readDigits(m[0]) : { digits: m[0], corrections: [] };
        if (!read) return [];
        const { boxes, confidence } = evidence(row, at, at + m[0].length);
        return [{
          field: pattern.field, value: read.digits, raw: m[0], boxes,
          confidence: round(confidence * correctionPenalty(read.corrections)),
          notes: [`标签 label: ${label}`, ...correctionNotes(read.corrections)],
        }];
      }),
    );
  });
}

/**
 * Whether one of the labels stands right before a position, with at most a bracketed note, a
 * colon and a currency word between (申请金额 900,000.00 · 借款金额（小写）：人民币 900,000.00).
 */
export function labelRightBefore(row: Row, at: number, labels: readonly string[]): string | null {
  const before = row.text.slice(0, at);
  return labels.find((l) => new RegExp(`${l}(?:[（(][^）)]{0,6}[）)])?[:：]?\\s?(?:人民币)?$`, 'u').test(before)) ?? null;
}

/** Whether one of the labels stands in the row before a position (for ranking found values). */
export function labelBefore(row: Row, at: number, labels: readonly string[]): string | null {
  const before = row.text.slice(Math.max(0, at - 16), at);
  return labels.find((l) => before.includes(l)) ?? null;
}

export const round = (v: number): number => Math.round(v * 1000) / 1000;
