import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods } from '../../shared/contract';
import { requestProblemText, requestProblems } from '../../electron/core/api/request-problems';

const refused = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return requestProblems(parsed.error.issues);
};
/** What the schema library itself would say: none of it may reach a person. */
const LIBRARY_WORDING = /✖|→|Invalid|Too (small|big)|expected|received/;

describe('a refused request, said for people', () => {
  it('names the field as the screen does and says what is wrong, in each language alone', () => {
    const problems = refused(methods['session.changePassword'].request, { current: '135790', next: '2468' });
    expect(problems).toEqual([{ field: 'next', message: { zh: '新 PIN：至少 6 位', en: 'New PIN: at least 6 characters' } }]);
    expect(requestProblemText(problems)).toBe('新 PIN：至少 6 位 / New PIN: at least 6 characters');
  });

  it('says "required" for an empty or missing value, and gives limits in characters', () => {
    expect(refused(methods['batches.create'].request, { name: '  ' })).toEqual([{ field: 'name', message: { zh: '名称：必须填写', en: 'Name: required' } }]);
    expect(refused(methods['session.unlock'].request, {})).toEqual([{ field: 'password', message: { zh: '密码或 PIN：必须填写', en: 'Password or PIN: required' } }]);
    expect(refused(methods['batches.create'].request, { name: 'x'.repeat(121) })[0]!.message).toEqual({ zh: '名称：不能超过 120 个字', en: 'Name: at most 120 characters' });
  });

  it.each([
    ['an unknown choice', methods['batches.create'].request, { name: '批', kind: 'nonsense' }],
    ['a wrong kind of value', methods['batches.create'].request, { name: 42 }],
    ['a malformed user name', methods['session.signIn'].request, { name: 'a b', password: 'x' }],
    ['a number out of range', z.object({ limit: z.number().int().min(1) }), { limit: 0 }],
    ['a malformed value', z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }), { day: 'soon' }],
  ])('never passes the library’s wording on: %s', (_what, schema, value) => {
    const problems = refused(schema, value);
    expect(problems.length).toBeGreaterThan(0);
    for (const { message } of problems) {
      expect(message.zh).not.toMatch(LIBRARY_WORDING);
      expect(message.en).not.toMatch(LIBRARY_WORDING);
      expect(message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(message.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps a message our own schema wrote, split into its two languages', () => {
    const [problem] = refused(methods['session.signIn'].request, { name: 'a b', password: 'x' });
    expect(problem!.message.zh).toContain('用户名为 1–40 个字母');
    expect(problem!.message.en).toContain('1–40 letters, digits');
  });
});
