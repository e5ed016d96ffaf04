import { describe, expect, it } from 'vitest';
import { callDetailText, callErrorText } from '../../renderer/src/i18n/error-text';
import { createTranslate } from '../../renderer/src/i18n/translate';
import { stationTime } from '../../shared/logic/station-time';

describe('times as the counter reads them', () => {
  it('shows a stored UTC instant in Beijing time, to the minute', () => {
    // The lockout once said "请于 2026-12-05T18:41:12.625Z 后再试": eight hours off for the clerk.
    expect(stationTime('2026-12-05T18:41:12.625Z')).toBe('2026-12-06 02:41');
    expect(stationTime('2026-03-01T00:00:00.000Z')).toBe('2026-03-01 08:00');
  });
});

describe('the core’s words in the clerk’s language only', () => {
  const refusal = {
    message: '新 PIN：至少 6 位 / New PIN: at least 6 characters',
    details: { problems: [{ field: 'next', message: { zh: '新 PIN：至少 6 位', en: 'New PIN: at least 6 characters' } }] },
  };

  it('takes a refused request’s per-field messages in the chosen language', () => {
    expect(callDetailText(refusal, 'zh-CN')).toBe('新 PIN：至少 6 位');
    expect(callDetailText(refusal, 'en')).toBe('New PIN: at least 6 characters');
  });

  it('splits the core’s "中文 / English" messages, also when the English half names a user', () => {
    expect(callDetailText({ message: '用户名或密码错误 / wrong user name or password' }, 'zh-CN')).toBe('用户名或密码错误');
    expect(callDetailText({ message: '用户 王柜员 已停用 / user 王柜员 is disabled' }, 'en')).toBe('user 王柜员 is disabled');
  });

  it('leaves a message of one language, or with a slash of its own, as it is', () => {
    expect(callDetailText({ message: 'unknown class WS' }, 'zh-CN')).toBe('unknown class WS');
    expect(callDetailText({ message: '扫描/导入 失败' }, 'en')).toBe('扫描/导入 失败');
    expect(callDetailText({ message: 'a / b / c' }, 'en')).toBe('a / b / c');
  });
});

describe('no advice that cannot help', () => {
  it('does not tell the clerk to refresh and retry what the state of things refuses', () => {
    // A closed batch refuses page editing however often the clerk refreshes.
    expect(callErrorText(createTranslate('zh-CN'), 'conflict')).not.toMatch(/刷新|重试/);
    expect(callErrorText(createTranslate('en'), 'conflict')).not.toMatch(/refresh|try again/i);
  });
});
