import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../renderer/src/api/backoff';
import { throttle } from '../../renderer/src/ui/throttle';
import { fitScale, rotateClockwise, rotatedSize, zoomIn, zoomOut } from '../../renderer/src/pages/zoom';

describe('zoom', () => {
  it('steps through presets from any scale, including a fit scale between presets', () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomOut(1)).toBe(0.75);
    expect(zoomIn(0.28)).toBe(0.33);
    expect(zoomOut(0.28)).toBe(0.25);
    expect(zoomIn(8)).toBe(8);
    expect(zoomOut(0.1)).toBe(0.1);
  });

  it('rotates the view in quarter turns', () => {
    expect(rotateClockwise(0)).toBe(90);
    expect(rotateClockwise(270)).toBe(0);
    expect(rotatedSize(100, 200, 90)).toEqual({ width: 200, height: 100 });
    expect(rotatedSize(100, 200, 180)).toEqual({ width: 100, height: 200 });
  });

  it('fits an A4 scan into the stage, accounting for rotation', () => {
    // 2480x3508 into 1000x800 with 16px padding: height limits
    expect(fitScale(2480, 3508, 0, 1000, 800)).toBeCloseTo(768 / 3508, 6);
    // rotated it is landscape: width limits
    expect(fitScale(2480, 3508, 90, 1000, 800)).toBeCloseTo(Math.min(968 / 3508, 768 / 2480), 6);
    expect(fitScale(2480, 3508, 0, 0, 0)).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to a cap, with bounded jitter', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(10, () => 1)).toBe(10_000);
    expect(backoffDelay(3, () => 0)).toBe(3200);
  });
});

describe('throttle', () => {
  afterEach(() => void vi.useRealTimers());

  it('runs at once, then folds calls during the pause into one trailing run', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const run = throttle(fn, 1000);
    run();
    expect(fn).toHaveBeenCalledTimes(1);
    run();
    run();
    run();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('cancel drops a pending trailing run', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const run = throttle(fn, 1000);
    run();
    run();
    run.cancel();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
