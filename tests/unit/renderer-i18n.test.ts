import { describe, expect, it } from 'vitest';
import { ApiError, ImportErrorCode } from '../../shared/contract';
import { en } from '../../renderer/src/i18n/en';
import { callErrorText, fileErrorText } from '../../renderer/src/i18n/error-text';
import { loadLanguage, saveLanguage } from '../../renderer/src/i18n/language-storage';
import { flagTexts } from '../../renderer/src/i18n/flag-text';
import { stepText } from '../../renderer/src/i18n/step-text';
import { createTranslate, placeholdersOf } from '../../renderer/src/i18n/translate';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

describe('dictionaries', () => {
  it('English has exactly the Chinese keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('every message uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect({ key, params: placeholdersOf(en[key]) }).toEqual({ key, params: placeholdersOf(zhCN[key]) });
    }
  });

  it('no message is empty', () => {
    for (const dict of [zhCN, en]) {
      for (const [key, message] of Object.entries(dict)) expect({ key, empty: message.trim() === '' }).toEqual({ key, empty: false });
    }
  });
});

describe('translate', () => {
  const zh = createTranslate('zh-CN');
  const t = createTranslate('en');

  it('fills parameters and groups numbers', () => {
    expect(zh('batches.pages', { count: 10_000 })).toBe('10,000 页');
    expect(t('progress.importing', { done: 3, total: 12 })).toBe('Importing 3/12');
    expect(t('drop.overlay', { batch: 'June' })).toBe('Release to import into “June”');
  });

  it('translates every import error code in both languages, in plain words', () => {
    for (const code of [...ImportErrorCode.options, 'upload_failed', 'no_local_path'] as const) {
      expect(fileErrorText(zh, code)).not.toMatch(/importError|_/);
      expect(fileErrorText(t, code)).not.toMatch(/importError|_/);
    }
    expect(fileErrorText(zh, 'pdf_encrypted')).toBe('PDF 已加密，无法读取，请提供未加密的文件');
  });

  it('translates every call error code', () => {
    for (const code of [...ApiError.shape.code.options, 'network'] as const) {
      expect(callErrorText(zh, code)).not.toContain('apiError');
      expect(callErrorText(t, code)).not.toContain('apiError');
    }
  });

  it('describes processing steps', () => {
    expect(stepText(t, { op: 'rasterize', dpi: 300 })).toBe('Render PDF page (300 dpi)');
    expect(stepText(zh, { op: 'encode', format: 'jpeg', quality: 85 })).toBe('编码为 jpeg（质量 85）');
    expect(stepText(t, { op: 'crop', box: [1, 2, 3, 4] })).toBe('Crop (1, 2, 3, 4)');
  });
});

describe('language storage', () => {
  it('defaults to Chinese and remembers a valid choice', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    expect(loadLanguage(storage)).toBe('zh-CN');
    saveLanguage(storage, 'en');
    expect(loadLanguage(storage)).toBe('en');
    data.set('hpf-desk.language', 'fr');
    expect(loadLanguage(storage)).toBe('zh-CN');
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadLanguage(broken)).toBe('zh-CN');
    expect(() => saveLanguage(broken, 'en')).not.toThrow();
  });
});

describe('flag texts', () => {
  it('translates known flags, shows unknown ones by name and skips unset ones', () => {
    const zh = createTranslate('zh-CN');
    const flags = flagTexts(zh, { lowDpi: true, skewed: 2.5, blank: false });
    expect(flags.map((f) => f.label)).toEqual(['分辨率低', 'skewed']);
    expect(flags[1]?.hint).toBe('skewed: 2.5');
  });
});
