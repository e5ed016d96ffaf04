import { describe, expect, it } from 'vitest';
import { resolveShortcut, type KeyInput, type ShortcutMode } from '../../renderer/src/app/shortcuts';

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
    expect(press('y')).toEqual({ type: 'sync-panel' });
    expect(press('W')).toEqual({ type: 'close-batch' });
    expect(press('h')).toEqual({ type: 'home' });
    expect(press('h', 'viewer')).toBeNull();
    expect(press('h', 'main', { typing: true })).toBeNull();
  });

  it('keeps Y and W to the main screen', () => {
    expect(press('y', 'viewer')).toBeNull();
    expect(press('w', 'dialog')).toBeNull();
    expect(press('w', 'main', { typing: true })).toBeNull();
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

  it('opens search with / and Ctrl+F on the main screen only', () => {
    expect(press('/')).toEqual({ type: 'search' });
    expect(press('f', 'main', { ctrlKey: true })).toEqual({ type: 'search' });
    expect(press('F', 'main', { metaKey: true })).toEqual({ type: 'search' });
    expect(press('/', 'viewer')).toBeNull();
    expect(press('f', 'viewer', { ctrlKey: true })).toBeNull();
    expect(press('/', 'main', { typing: true })).toBeNull();
    expect(press('f', 'main', { ctrlKey: true, altKey: true })).toBeNull();
  });

  it('maps the page-editing keys on the main screen only', () => {
    const edits = { e: 'split', g: 'merge-previous', ']': 'rotate-clockwise', '[': 'rotate-anticlockwise', m: 'move-page', d: 'trash-page', t: 'open-trash', F9: 'scheme-admin' };
    for (const [key, edit] of Object.entries(edits)) {
      expect(press(key)).toEqual({ type: 'page-edit', edit });
      expect(press(key, 'viewer')).toBeNull();
      expect(press(key, 'dialog')).toBeNull();
      expect(press(key, 'main', { typing: true })).toBeNull();
    }
    expect(press('E')).toEqual({ type: 'page-edit', edit: 'split' });
    expect(press('ArrowLeft', 'main', { altKey: true })).toEqual({ type: 'page-edit', edit: 'page-earlier' });
    expect(press('ArrowRight', 'main', { altKey: true })).toEqual({ type: 'page-edit', edit: 'page-later' });
    expect(press('ArrowUp', 'main', { altKey: true })).toEqual({ type: 'page-edit', edit: 'previous-document' });
    expect(press('ArrowDown', 'main', { altKey: true })).toEqual({ type: 'page-edit', edit: 'next-document' });
    // Alt+← in the viewer stays the browser's (and plain ← keeps moving the selection).
    expect(press('ArrowLeft', 'viewer', { altKey: true })).toBeNull();
    expect(press('ArrowLeft', 'main', { altKey: true, ctrlKey: true })).toBeNull();
    expect(press('ArrowLeft')).toEqual({ type: 'move', move: 'left' });
  });

  it('in dialogs and help only closing works', () => {
    expect(press('n', 'dialog')).toBeNull();
    expect(press('?', 'dialog')).toBeNull();
    expect(press('l', 'help')).toBeNull();
    expect(press('?', 'help')).toEqual({ type: 'toggle-help' });
    expect(press('Escape', 'help')).toEqual({ type: 'close' });
  });

  it('opens the back-office screens with Q, V, Shift+S and Shift+C, leaving plain S and C to scanning', () => {
    expect(press('q')).toEqual({ type: 'backfile', screen: 'qc' });
    expect(press('V')).toEqual({ type: 'backfile', screen: 'double-entry' });
    expect(press('S', 'main', { shiftKey: true })).toEqual({ type: 'backfile', screen: 'separators' });
    expect(press('C', 'main', { shiftKey: true })).toEqual({ type: 'backfile', screen: 'catalogue' });
    // Caps Lock gives 'S' without Shift: still a scan.
    expect(press('S')).toEqual({ type: 'scan' });
    expect(press('c')).toEqual({ type: 'camera' });
    expect(press('S', 'viewer', { shiftKey: true })).toBeNull();
    expect(press('q', 'dialog')).toBeNull();
    expect(press('Q', 'main', { shiftKey: true, typing: true })).toBeNull();
  });
});
