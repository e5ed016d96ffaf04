import { describe, expect, it } from 'vitest';
import { resolveShortcut } from '../../renderer/src/app/shortcuts';
import { createTranslate } from '../../renderer/src/i18n/translate';
import { groupedFigures, lineLabel, queryOf, stepPreset } from '../../renderer/src/stats/stats-logic';

const key = (k: string) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, typing: false, onControl: false });

describe('statistics screen logic', () => {
  it('opens with F8 from the main screen, not from inside a dialog', () => {
    expect(resolveShortcut(key('F8'), 'main')).toEqual({ type: 'stats' });
    expect(resolveShortcut(key('F8'), 'dialog')).toBeNull();
  });

  it('asks for a custom range only once both days are given and in order', () => {
    expect(queryOf({ preset: 'week', from: '', to: '' })).toEqual({ range: { preset: 'week' } });
    expect(queryOf({ preset: 'custom', from: '2026-03-02', to: '' })).toBeNull();
    expect(queryOf({ preset: 'custom', from: '2026-03-04', to: '2026-03-02' })).toBeNull();
    expect(queryOf({ preset: 'custom', from: '2026-03-02', to: '2026-03-04' })).toEqual({ range: { preset: 'custom', from: '2026-03-02', to: '2026-03-04' } });
  });

  it('steps through the ranges with wrap-around, and leaves station-wide snapshots out of per-clerk views', () => {
    expect(stepPreset('today', -1)).toBe('custom');
    expect(stepPreset('custom', 1)).toBe('today');
    const perClerk = groupedFigures('clerk').flatMap((g) => g.figures);
    expect(perClerk).toContain('pagesCaptured');
    expect(perClerk).not.toContain('openBatches');
    expect(groupedFigures('total').flatMap((g) => g.figures)).toContain('openBatches');
  });

  it('names a line of a split in one language: a business by its name, a batch kind in words, none as none', () => {
    const report = { range: { fromDate: '2026-03-02', toDate: '2026-03-04', from: '', to: '' } };
    const names = (code: string) => (code === 'TQ-ZF' ? '租房' : code);
    const zh = createTranslate('zh-CN');
    const en = createTranslate('en');
    expect(lineLabel(zh, report, 'business', 'TQ-ZF', names)).toBe('租房');
    expect(lineLabel(zh, report, 'business', null, names)).toBe('（无）');
    expect(lineLabel(en, report, 'clerk', null, names)).toBe('(none)');
    expect(lineLabel(zh, report, 'batchKind', 'backfile', names)).toBe('回溯');
    expect(lineLabel(en, report, 'batchKind', 'counter', names)).toBe('Counter');
    expect(lineLabel(en, report, 'clerk', 'clerk-1', names)).toBe('clerk-1');
    expect(lineLabel(en, report, 'total', null, names)).toBe('2026-03-02 – 2026-03-04');
  });
});
