import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract';
import { PERMISSIONS } from '../../shared/auth/permissions';
import { CHECK_TEXT, FINDING_TEXT, type CheckId, type Finding, type FindingCode } from '../../shared/transfer/check-words';
import { checkResult } from '../../electron/core/transfer/check-result';
import { DeskCallError, type CallErrorCode } from '../../renderer/src/api/call-error';
import { reportError } from '../../renderer/src/state/action-context';
import { createDeskStore } from '../../renderer/src/state/desk-store';
import { callDetailText, callErrorText, callFailureText, coreWordsText, fileErrorLine, oneLanguage } from '../../renderer/src/i18n/error-text';
import { createTranslate, LANGUAGES, type Language } from '../../renderer/src/i18n/translate';
import { checkFindings, checkMessage } from '../../renderer/src/sync/check-text';
import { stationTime } from '../../shared/logic/station-time';

/** What a clerk must never read: the store's ids (P_01J…), UUIDs, hashes, permission codes. */
const INTERNAL = [/\b[A-Z]_[0-9A-Z]{20}\b/, /[0-9a-f]{8}-[0-9a-f]{4}-/i, /\b[0-9a-f]{32,}\b/i, new RegExp(PERMISSIONS.map((p) => p.replace('.', '\\.')).join('|'))];
/** Words that may stand in a Chinese message: formats, hash names and the bag's file names. */
const NEUTRAL = /SHA-256|SM3|JPEG|PNG|TIFF|PDF|JSON|XML|metadata\.(json|xml)|Payload-Oxum|data\/|PIN|OCR|image\/\w+|manifest-sha256\.txt/g;

function assertForPeople(text: string, language: Language, figures: readonly (string | number)[] = []): void {
  expect(text.trim(), 'a message with words in it').not.toBe('');
  for (const id of INTERNAL) expect(text, `no internal id or code in “${text}”`).not.toMatch(id);
  expect(text, `every placeholder filled in “${text}”`).not.toMatch(/\{\w+\}/);
  let rest = text;
  for (const f of figures) rest = rest.split(String(f)).join(' ');
  if (language === 'en') expect(rest, `no Chinese in the English “${text}”`).not.toMatch(/[\u4e00-\u9fff]/);
  else expect(rest.replace(NEUTRAL, ' '), `no English in the Chinese “${text}”`).not.toMatch(/[A-Za-z]{2,}/);
}

describe('times as the counter reads them', () => {
  it('shows a stored UTC instant in Beijing time, to the minute', () => {
    // The lockout once said "请于 2026-12-05T18:41:12.625Z 后再试": eight hours off for the clerk.
    expect(stationTime('2026-12-05T18:41:12.625Z')).toBe('2026-12-06 02:41');
    expect(stationTime('2026-03-01T00:00:00.000Z')).toBe('2026-03-01 08:00');
  });
});

describe('every failed call in one language, without ids or codes', () => {
  const codes: CallErrorCode[] = [...ApiError.shape.code.options, 'network'];
  // The kinds of message the core sends: both languages naming an id, one language only, a permission code.
  const messages = [
    '批次 B_01JB8ZJ7Q4M3N2P1R0S9T8V7W6 已关闭 / batch B_01JB8ZJ7Q4M3N2P1R0S9T8V7W6 is closed',
    'no page P_01JB8ZJ7Q4M3N2P1R0S9T8V7W6',
    'no batch 3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f',
    '窗口柜员（王柜员）没有“sync.configure”权限 / counter clerk 王柜员 lacks the permission sync.configure',
    'TypeError: Cannot read properties of undefined (reading "id")',
    '当前状态下不能这样做',
  ];

  for (const language of LANGUAGES) {
    const t = createTranslate(language);
    it(`says each code and each kind of message for people (${language})`, () => {
      for (const code of codes) {
        for (const message of messages) {
          const details = code === 'forbidden' ? { permission: 'sync.configure' } : undefined;
          assertForPeople(callFailureText(t, { code, message, details }, language), language, ['王柜员']);
        }
      }
    });

    it(`names what a missing permission would allow, never its code (${language})`, () => {
      for (const permission of PERMISSIONS) {
        const text = callFailureText(t, { code: 'forbidden', message: `lacks the permission ${permission}`, details: { permission } }, language);
        assertForPeople(text, language);
        expect(text).not.toBe(callErrorText(t, 'forbidden'));
      }
    });
  }

  it('keeps the core’s words when they are fit: the half in the clerk’s language, per field for a refused request', () => {
    const zh = createTranslate('zh-CN');
    const en = createTranslate('en');
    const lockout = { code: 'unauthenticated' as const, message: '尝试次数过多，请于北京时间 2026-12-06 02:41 后再试 / too many attempts: try again after 2026-12-06 02:41 Beijing time' };
    expect(callFailureText(zh, lockout, 'zh-CN')).toBe('请先登录：尝试次数过多，请于北京时间 2026-12-06 02:41 后再试');
    expect(callFailureText(en, lockout, 'en')).toBe('Please sign in first: too many attempts: try again after 2026-12-06 02:41 Beijing time');
    const refusal = {
      code: 'bad_request' as const,
      message: '新 PIN：至少 6 位 / New PIN: at least 6 characters',
      details: { problems: [{ field: 'next', message: { zh: '新 PIN：至少 6 位', en: 'New PIN: at least 6 characters' } }] },
    };
    expect(callDetailText(zh, refusal, 'zh-CN')).toBe('新 PIN：至少 6 位');
    expect(callDetailText(en, refusal, 'en')).toBe('New PIN: at least 6 characters');
    // "请先登录 / sign in first" adds nothing to its kind's words: said once.
    expect(callFailureText(zh, { code: 'unauthenticated', message: '请先登录 / sign in first' }, 'zh-CN')).toBe('请先登录');
  });

  it('splits the core’s "中文 / English" messages, also when the English half names a user; one language stays only in its own', () => {
    expect(oneLanguage('用户名或密码错误 / wrong user name or password', 'zh-CN')).toBe('用户名或密码错误');
    expect(oneLanguage('用户 王柜员 已停用 / user 王柜员 is disabled', 'en')).toBe('user 王柜员 is disabled');
    expect(oneLanguage('全部为开放格式（JPEG、PNG）/ every file is in an open format', 'en')).toBe('every file is in an open format');
    expect(oneLanguage('unknown class WS', 'zh-CN')).toBeNull();
    expect(oneLanguage('扫描/导入 失败', 'en')).toBeNull();
    expect(oneLanguage('扫描/导入 失败', 'zh-CN')).toBe('扫描/导入 失败');
    expect(oneLanguage('batch 存量 is closed', 'en')).toBe('batch 存量 is closed');
  });

  it('says why a file was not imported in one language: the reason in words, the core’s detail only in its own language and never an id', () => {
    const zh = createTranslate('zh-CN');
    const en = createTranslate('en');
    const truncated = { code: 'truncated' as const, message: 'JPEG file is truncated: unexpected end of data' };
    expect(fileErrorLine(zh, truncated, 'zh-CN')).toBe(zh('importError.truncated'));
    expect(fileErrorLine(en, truncated, 'en')).toBe(`${en('importError.truncated')}: JPEG file is truncated: unexpected end of data`);
    const device = { code: 'unreadable' as const, message: '设备、管道或套接字，不是普通文件 / a device, pipe or socket, not a regular file' };
    for (const [t, language] of [[zh, 'zh-CN'], [en, 'en']] as const) assertForPeople(fileErrorLine(t, device, language), language);
    expect(fileErrorLine(zh, device, 'zh-CN')).toBe(`${zh('importError.unreadable')}：设备、管道或套接字，不是普通文件`);
    expect(coreWordsText('文件 P_01J9Z8Y7X6W5V4T3S2R1Q0P9N8 已删除 / page P_01J9Z8Y7X6W5V4T3S2R1Q0P9N8 deleted', 'zh-CN')).toBe('');
    expect(coreWordsText('需要 qc.decide 权限 / needs qc.decide', 'zh-CN')).toBe('');
  });
});

describe('the 四性检测 report in one language', () => {
  // Figures as a real batch gives them: file names with Chinese in them, counts, a page number.
  const figuresOf = (text: string): Record<string, string | number> =>
    Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, name === 'name' || name === 'path' || name === 'other' ? `申请表-${name}.jpg` : name === 'mime' ? 'image/gif' : name === 'manifest' ? 'manifest-sha256.txt' : 7]));

  for (const language of LANGUAGES) {
    it(`says every check, passed and failed, and every finding in ${language} only`, () => {
      for (const id of Object.keys(CHECK_TEXT) as CheckId[]) {
        const figures = { ...figuresOf(CHECK_TEXT[id].pass.zh), ...figuresOf(CHECK_TEXT[id].fail.zh) };
        const findings: Finding[] = (Object.keys(FINDING_TEXT) as FindingCode[]).map((code) => ({ code, figures: figuresOf(FINDING_TEXT[code].zh) }));
        for (const check of [checkResult('integrity', id, [], figures), checkResult('integrity', id, findings, figures)]) {
          const values = [...Object.values(figures), ...findings.flatMap((f) => Object.values(f.figures))];
          assertForPeople(checkMessage(check, language), language, values);
          for (const line of checkFindings(check, language)) assertForPeople(line, language, values);
        }
      }
    });
  }

  it('still says a report stored before checks carried figures in one language', () => {
    const old = { aspect: 'integrity' as const, id: 'integrity.sequence', ok: true, message: '页序号从 1 起连续 / page numbers run from 1 without gaps', figures: {}, subjects: [], findings: [] };
    expect(checkMessage(old, 'zh-CN')).toBe('页序号从 1 起连续');
    expect(checkMessage(old, 'en')).toBe('page numbers run from 1 without gaps');
  });
});

describe('no advice that cannot help', () => {
  it('does not tell the clerk to refresh and retry what the state of things refuses', () => {
    // A closed batch refuses page editing however often the clerk refreshes.
    expect(callErrorText(createTranslate('zh-CN'), 'conflict')).not.toMatch(/刷新|重试/);
    expect(callErrorText(createTranslate('en'), 'conflict')).not.toMatch(/refresh|try again/i);
  });
});

describe('no 请先登录 banner before anyone has done anything', () => {
  it('answers a call refused for want of a session with the sign-in dialog, not a notice', () => {
    const store = createDeskStore('zh-CN');
    reportError({ store }, new DeskCallError('batches.list', 'unauthenticated', '请先登录 / sign in first'));
    expect(store.getState().notice).toBeNull();
    expect(store.getState().dialog).toBe('sign-in');
    // Any other refusal is still a notice, with its details kept for the words.
    reportError({ store }, new DeskCallError('batches.list', 'forbidden', 'x', { permission: 'sync.configure' }));
    expect(store.getState().notice).toMatchObject({ code: 'forbidden', details: { permission: 'sync.configure' } });
  });
});
