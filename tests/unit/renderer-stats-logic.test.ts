import { describe, expect, it } from 'vitest';
import { resolveShortcut } from '../../renderer/src/app/shortcuts';
import { groupedFigures, queryOf, stepPreset } from '../../renderer/src/stats/stats-logic';

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
});
