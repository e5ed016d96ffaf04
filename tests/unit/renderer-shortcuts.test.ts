import { describe, expect, it } from 'vitest';
import { resolveShortcut, type KeyInput, type ShortcutMode } from '../../renderer/src/logic/shortcuts';

const press = (key: string, mode: ShortcutMode = 'main', extra: Partial<KeyInput> = {}) =>
  resolveShortcut({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, onControl: false, ...extra }, mode);

describe('resolveShortcut', () => {
  it('maps main-screen keys', () => {
    expect(press('n')).toEqual({ type: 'new-batch' });
    expect(press('N')).toEqual({ type: 'new-batch' });
    expect(press('o')).toEqual({ type: 'import' });
    expect(press('o', 'main', { ctrlKey: true })).toEqual({ type: 'import' });
    expect(press('o', 'main', { metaKey: true })).toEqual({ type: 'import' });
    expect(press('ArrowLeft')).toEqual({ type: 'move', move: 'left' });
    expect(press('ArrowDown')).toEqual({ type: 'move', move: 'down' });
    expect(press('End')).toEqual({ type: 'move', move: 'last' });
    expect(press('Enter')).toEqual({ type: 'open-viewer' });
    expect(press('l')).toEqual({ type: 'toggle-language' });
    expect(press('?')).toEqual({ type: 'toggle-help' });
    expect(press('F1')).toEqual({ type: 'toggle-help' });
    expect(press('u')).toEqual({ type: 'switch-user' });
  });

  it('maps viewer keys', () => {
    expect(press('PageDown', 'viewer')).toEqual({ type: 'next' });
    expect(press('j', 'viewer')).toEqual({ type: 'next' });
    expect(press('PageUp', 'viewer')).toEqual({ type: 'prev' });
    expect(press('K', 'viewer')).toEqual({ type: 'prev' });
    expect(press('+', 'viewer')).toEqual({ type: 'zoom-in' });
    expect(press('=', 'viewer')).toEqual({ type: 'zoom-in' });
    expect(press('-', 'viewer')).toEqual({ type: 'zoom-out' });
    expect(press('0', 'viewer')).toEqual({ type: 'zoom-fit' });
    expect(press('r', 'viewer')).toEqual({ type: 'rotate' });
    expect(press('Escape', 'viewer')).toEqual({ type: 'close' });
    expect(press('l', 'viewer')).toEqual({ type: 'toggle-language' });
  });

  it('keeps grid keys out of the viewer and viewer keys out of the grid', () => {
    expect(press('n', 'viewer')).toBeNull();
    expect(press('ArrowDown', 'viewer')).toBeNull();
    expect(press('r', 'main')).toBeNull();
    expect(press('j', 'main')).toBeNull();
  });

  it('ignores everything but Esc while typing', () => {
    for (const key of ['n', 'o', 'l', '?', 'ArrowLeft', 'Enter', '0']) {
      expect(press(key, 'main', { typing: true })).toBeNull();
    }
    expect(press('Escape', 'dialog', { typing: true })).toEqual({ type: 'close' });
  });

  it('leaves Enter to a focused button and other chords to the browser', () => {
    expect(press('Enter', 'main', { onControl: true })).toBeNull();
    expect(press('c', 'main', { ctrlKey: true })).toBeNull();
    expect(press('n', 'main', { altKey: true })).toBeNull();
    expect(press('o', 'viewer', { ctrlKey: true })).toBeNull();
  });

  it('in dialogs and help only closing works', () => {
    expect(press('n', 'dialog')).toBeNull();
    expect(press('?', 'dialog')).toBeNull();
    expect(press('l', 'help')).toBeNull();
    expect(press('?', 'help')).toEqual({ type: 'toggle-help' });
    expect(press('Escape', 'help')).toEqual({ type: 'close' });
  });
});
