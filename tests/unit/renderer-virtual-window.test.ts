import { describe, expect, it } from 'vitest';
import { columnCount, computeWindow, scrollToReveal } from '../../renderer/src/logic/virtual-window';

const geometry = { cellWidth: 148, cellHeight: 196, gap: 12 };

describe('columnCount', () => {
  it('fits as many cells as the width allows, counting gaps only between cells', () => {
    expect(columnCount(148, geometry)).toBe(1);
    expect(columnCount(148 * 2 + 12, geometry)).toBe(2);
    expect(columnCount(148 * 2 + 11, geometry)).toBe(1);
    expect(columnCount(1000, geometry)).toBe(6);
  });

  it('never returns less than one column (unmeasured or tiny container)', () => {
    expect(columnCount(0, geometry)).toBe(1);
    expect(columnCount(50, geometry)).toBe(1);
    expect(columnCount(Number.NaN, geometry)).toBe(1);
  });
});

describe('computeWindow', () => {
  const base = { itemCount: 10_000, columns: 6, rowHeight: 208, viewportHeight: 800, overscan: 2 };

  it('renders only the rows in view plus overscan for 10 000 items', () => {
    const win = computeWindow({ ...base, scrollTop: 0 });
    expect(win.rowCount).toBe(1667);
    expect(win.totalHeight).toBe(1667 * 208);
    expect(win.startRow).toBe(0);
    // rows 0..3 visible (800 / 208 = 3.8), plus 2 overscan
    expect(win.endRow).toBe(6);
    expect(win.startIndex).toBe(0);
    expect(win.endIndex).toBe(36);
  });

  it('moves the window with the scroll position', () => {
    const win = computeWindow({ ...base, scrollTop: 208 * 1000 + 100 });
    expect(win.startRow).toBe(998);
    expect(win.endRow).toBe(1007);
    expect(win.startIndex).toBe(998 * 6);
    expect(win.endIndex).toBe(1007 * 6);
    expect(win.endIndex - win.startIndex).toBeLessThan(100);
  });

  it('clamps at the end of a partly filled last row', () => {
    const win = computeWindow({ ...base, scrollTop: 1667 * 208 - 800 });
    expect(win.endRow).toBe(1667);
    expect(win.endIndex).toBe(10_000);
  });

  it('clamps a scroll position past the end (list shrank under the scrollbar)', () => {
    const win = computeWindow({ ...base, itemCount: 10, scrollTop: 50_000 });
    expect(win.startRow).toBeGreaterThanOrEqual(0);
    expect(win.endIndex).toBe(10);
    expect(win.startIndex).toBeLessThan(win.endIndex);
  });

  it('is empty for no items', () => {
    expect(computeWindow({ ...base, itemCount: 0, scrollTop: 0 })).toMatchObject({
      rowCount: 0,
      totalHeight: 0,
      startIndex: 0,
      endIndex: 0,
    });
  });
});

describe('scrollToReveal', () => {
  it('leaves the scroll position alone when the item is visible', () => {
    expect(scrollToReveal(7, 6, 208, 0, 800)).toBe(0);
  });

  it('scrolls up to the row top when the item is above', () => {
    expect(scrollToReveal(6, 6, 208, 1000, 800)).toBe(208);
  });

  it('scrolls down just enough to show the whole row when the item is below', () => {
    // row 10 spans 2080..2288
    expect(scrollToReveal(60, 6, 208, 0, 800)).toBe(2288 - 800);
  });

  it('ignores "no selection"', () => {
    expect(scrollToReveal(-1, 6, 208, 123, 800)).toBe(123);
  });
});
