import { describe, expect, it } from 'vitest';
import { columnCount, computeWindow, scrollToReveal } from '../../renderer/src/ui/virtual-window';

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
  const at = (index: number, scrollTop: number) =>
    scrollToReveal({ index, columns: 6, rowHeight: 208, cellHeight: 196, padding: 12, scrollTop, viewportHeight: 800 });

  it('leaves the scroll position alone when the item is visible', () => {
    expect(at(7, 0)).toBe(0);
  });

  it('scrolls up to the row (and the margin above it) when the item is above', () => {
    expect(at(6, 1000)).toBe(208);
    expect(at(0, 1000)).toBe(0);
  });

  it('scrolls down just enough to show the whole row and the margin below it', () => {
    // row 10: cell from 12 + 2080 to 12 + 2080 + 196, plus 12 margin below = 2300
    expect(at(60, 0)).toBe(2300 - 800);
  });

  it('ignores "no selection"', () => {
    expect(at(-1, 123)).toBe(123);
  });
});
