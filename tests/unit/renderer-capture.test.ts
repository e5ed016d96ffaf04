import { describe, expect, it } from 'vitest';
import { cameraProblem } from '../../renderer/src/capture/camera';
import { resolveShortcut, type ShortcutMode } from '../../renderer/src/app/shortcuts';
import { reduceScanStatus } from '../../renderer/src/state/scan-status';

const press = (key: string, mode: ShortcutMode = 'main') =>
  resolveShortcut({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, onControl: false }, mode);

describe('capture in the renderer', () => {
  it('maps the scan keys on the main screen only', () => {
    expect(press('s')).toEqual({ type: 'scan' });
    expect(press('X')).toEqual({ type: 'cancel-scan' });
    expect(press('c')).toEqual({ type: 'camera' });
    expect(press('p')).toEqual({ type: 'scan-profiles' });
    expect(press('3')).toEqual({ type: 'choose-profile', key: 3 });
    expect(press('0')).toBeNull();
    expect(press('s', 'viewer')).toBeNull();
    expect(press('3', 'dialog')).toBeNull();
  });

  it('follows a scan session through its events', () => {
    const base = { batchId: 'B', session: 'S1' };
    let status = reduceScanStatus(undefined, { type: 'scan.started', ...base, device: 'sane:test' });
    status = reduceScanStatus(status, { type: 'scan.page', ...base, outcome: 'imported', file: 'p1', pages: 1 });
    expect(status).toEqual({ session: 'S1', device: 'sane:test', state: 'scanning', pages: 1, error: null });
    // A page of some other session does not touch this one.
    expect(reduceScanStatus(status, { type: 'scan.page', batchId: 'B', session: 'S0', outcome: 'imported', file: 'x', pages: 9 })).toBe(status);
    const error = { code: 'jammed' as const, message: 'paper jam' };
    expect(reduceScanStatus(status, { type: 'scan.finished', ...base, state: 'failed', pages: 3, error })).toEqual({
      session: 'S1',
      device: 'sane:test',
      state: 'failed',
      pages: 3,
      error,
    });
  });

  it('tells a refused camera permission from a missing or busy camera', () => {
    expect(cameraProblem(new DOMException('Permission denied', 'NotAllowedError'))).toBe('denied');
    expect(cameraProblem(new DOMException('Requested device not found', 'NotFoundError'))).toBe('notFound');
    expect(cameraProblem(new DOMException('Could not start video source', 'NotReadableError'))).toBe('busy');
    expect(cameraProblem(new Error('something else'))).toBe('failed');
  });
});
