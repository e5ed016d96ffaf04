import type { z } from 'zod';

/** A refused request value, said for people in both languages, under the field it belongs to. */
export interface RequestProblem {
  /** The request's field (its last named path segment); '' for the request as a whole. */
  readonly field: string;
  readonly message: { readonly zh: string; readonly en: string };
}

type Issue = z.core.$ZodIssue;
type Words = { readonly zh: string; readonly en: string };

/** The request fields a person types, by the names the screens give them. */
const LABELS: Readonly<Record<string, Words>> = {
  password: { zh: '密码或 PIN', en: 'Password or PIN' },
  current: { zh: '当前 PIN', en: 'Current PIN' },
  next: { zh: '新 PIN', en: 'New PIN' },
  name: { zh: '名称', en: 'Name' },
  reason: { zh: '原因', en: 'Reason' },
};

/** What is wrong, by the kind of issue; never the schema library's own sentence. */
function wrong(issue: Issue): Words {
  // Our schemas write their messages as "中文 / English" (session-api.ts): those are already for people.
  const [zh, en] = issue.message.split(' / ');
  if (en !== undefined) return { zh: zh!.trim(), en: en.trim() };
  switch (issue.code) {
    case 'custom':
      return { zh: issue.message, en: issue.message };
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? { zh: '必须填写', en: 'required' }
          : { zh: `至少 ${issue.minimum} 个字`, en: `at least ${issue.minimum} characters` }
        : { zh: `不能小于 ${issue.minimum}`, en: `at least ${issue.minimum}` };
    case 'too_big':
      return issue.origin === 'string'
        ? { zh: `不能超过 ${issue.maximum} 个字`, en: `at most ${issue.maximum} characters` }
        : { zh: `不能大于 ${issue.maximum}`, en: `at most ${issue.maximum}` };
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? { zh: '必须填写', en: 'required' } : { zh: '填写的内容类型不对', en: 'not the right kind of value' };
    case 'invalid_value':
      return { zh: '请从给定的选项中选择', en: 'choose one of the given options' };
    case 'invalid_format':
      return { zh: '格式不对', en: 'not written in the form it should have' };
    case 'unrecognized_keys':
      return { zh: `不认识的项：${issue.keys.join('、')}`, en: `unknown entries: ${issue.keys.join(', ')}` };
    default:
      return { zh: '不是有效的值', en: 'not a valid value' };
  }
}

/**
 * A request the contract refused, as messages for people per field: the screens show each under
 * its field in the clerk's language, and no "✖ … → at password" reaches anyone.
 */
export function requestProblems(issues: readonly Issue[]): RequestProblem[] {
  return issues.map((issue) => {
    const field = [...issue.path].reverse().find((p): p is string => typeof p === 'string') ?? '';
    const label = LABELS[field] ?? { zh: field, en: field };
    const m = wrong(issue);
    return field === ''
      ? { field, message: m }
      : { field, message: { zh: m.zh.startsWith(label.zh) ? m.zh : `${label.zh}：${m.zh}`, en: `${label.en}: ${m.en}` } };
  });
}

/** The problems as one line for logs and the command line, Chinese first, as the core's other messages. */
export const requestProblemText = (problems: readonly RequestProblem[]): string =>
  `${problems.map((p) => p.message.zh).join('；')} / ${problems.map((p) => p.message.en).join('; ')}`;
