import type { CheckResult } from '../fields/field-checks';
import type { Fields } from './checklist';
import { maskValue } from './mask-pii';
import { findField, type BusinessType, type FieldType, type MetadataField, type SchemeBody } from './scheme';

/** A message for the clerk, Chinese first, English second. */
export type Message = Extract<CheckResult, { ok: false }>['message'];

/**
 * The field validators (GB 11643, GB 32100, Luhn, dates, amounts, capitals): the field
 * extraction module's `fieldChecks` (shared/fields), passed in so the rules here stay testable
 * with any set. Filing only says which one a field type uses; each returns the normalized value
 * (dates YYYY-MM-DD, amounts `12300.00`, also from capitals).
 */
export type { CheckResult };

export interface FieldChecks {
  readonly idNumber: (value: string) => CheckResult;
  readonly creditCode: (value: string) => CheckResult;
  readonly bankCard: (value: string) => CheckResult;
  readonly mobile: (value: string) => CheckResult;
  readonly date: (value: string) => CheckResult;
  readonly amount: (value: string) => CheckResult;
  readonly amountWords: (value: string) => CheckResult;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: Message;
}

export interface FieldsVerdict {
  /** The values as stored: trimmed and normalized; empty values dropped. */
  readonly values: Fields;
  readonly problems: readonly FieldProblem[];
}

const ok = (value: string): CheckResult => ({ ok: true, value });
const bad = (zh: string, en: string): CheckResult => ({ ok: false, message: { zh, en } });

function checkType(field: MetadataField, value: string, checks: FieldChecks): CheckResult {
  const type: FieldType = field.type;
  switch (type) {
    case 'text':
      return ok(value);
    case 'year':
      return /^(19|20)\d{2}$/.test(value) ? ok(value) : bad('年度应为四位年份，如 2025', 'a year has four digits, e.g. 2025');
    case 'choice':
      return field.choices?.includes(value)
        ? ok(value)
        : bad(`请从以下选项中选择：${field.choices?.join('、')}`, `choose one of: ${field.choices?.join(', ')}`);
    case 'idNumber':
    case 'creditCode':
    case 'bankCard':
    case 'mobile':
    case 'date':
    case 'amount':
    case 'amountWords':
      return checks[type](value);
  }
}

/**
 * Validate keyed metadata against the scheme: unknown and station-set elements are refused,
 * every value is checked by its type, capitals must agree with figures, and (when filing) the
 * business's required elements must be there. Messages name the element and say what is wrong.
 */
export function validateFields(
  scheme: SchemeBody,
  input: Fields,
  checks: FieldChecks,
  options: { readonly business?: BusinessType; readonly requireAll?: boolean } = {},
): FieldsVerdict {
  const values: Record<string, string> = {};
  const inFigures = new Map<string, string>();
  const problems: FieldProblem[] = [];
  // Messages name the element once (the validators' own messages may already start with it),
  // each in its own language: the English one by the element's English name.
  const problem = (field: string, m: Message) =>
    problems.push({
      field,
      message: { zh: m.zh.startsWith(field) ? m.zh : `${field}：${m.zh}`, en: `${findField(scheme, field)?.nameEn ?? field}: ${m.en}` },
    });
  for (const [key, raw] of Object.entries(input)) {
    const field = findField(scheme, key);
    const value = raw.trim();
    if (!field) {
      problem(key, { zh: '方案中没有这个著录项', en: 'no such metadata element in the scheme' });
      continue;
    }
    if (field.derived) {
      problem(key, { zh: '由工作站自动生成，不能手工填写', en: 'set by the station, cannot be keyed' });
      continue;
    }
    if (value === '') continue;
    if ([...value].length > field.maxLength) {
      problem(key, { zh: `不能超过 ${field.maxLength} 个字`, en: `at most ${field.maxLength} characters` });
      continue;
    }
    const result = checkType(field, value, checks);
    if (!result.ok) problem(key, result.message);
    // Amounts in words are kept as written (the record shows what the form says); their
    // value in figures only serves the agreement check below.
    else if (field.type === 'amountWords') {
      values[key] = value;
      inFigures.set(key, result.value);
    } else values[key] = result.value;
  }
  for (const field of scheme.fields) {
    const words = inFigures.get(field.key);
    const figures = field.agreesWith ? values[field.agreesWith] : undefined;
    if (field.agreesWith && words !== undefined && figures !== undefined && Number(words) !== Number(figures)) {
      problem(field.key, {
        zh: `大写金额 ${words} 与小写金额 ${figures} 不一致`,
        en: `the amount in words (${words}) does not agree with the figures (${figures})`,
      });
    }
  }
  if (options.requireAll && options.business) {
    for (const key of options.business.required) {
      if (values[key] === undefined && !problems.some((p) => p.field === key)) {
        problem(key, { zh: `办理“${options.business.name}”必须填写`, en: `required for ${options.business.nameEn}` });
      }
    }
  }
  return { values, problems };
}

/** Metadata as lists show it: personal elements masked. */
export function maskFields(scheme: SchemeBody, fields: Fields): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => {
      const f = findField(scheme, k);
      return [k, f?.pii ? maskValue(v, f.type === 'text' && /地址|住址|坐落/.test(k) ? 'address' : f.type) : v];
    }),
  );
}

/** One line per problem, for the command line and logs. */
export const problemText = (problems: readonly FieldProblem[]): string =>
  problems.map((p) => `${p.message.zh} / ${p.message.en}`).join('\n');
