import { describe, expect, it } from 'vitest';
import { moveInGrid, stepIndex } from '../../renderer/src/pages/grid-navigation';

describe('moveInGrid (10 items, 4 columns: rows 0-3, 4-7, 8-9)', () => {
  const move = (index: number, direction: Parameters<typeof moveInGrid>[1]) => moveInGrid(index, direction, 4, 10);

  it('Left/Right move by one and stop at the ends', () => {
    expect(move(5, 'left')).toBe(4);
    expect(move(5, 'right')).toBe(6);
    expect(move(0, 'left')).toBe(0);
    expect(move(9, 'right')).toBe(9);
    // Left/Right wrap across rows like reading order
    expect(move(3, 'right')).toBe(4);
  });

  it('Up/Down move by a row', () => {
    expect(move(5, 'up')).toBe(1);
    expect(move(1, 'down')).toBe(5);
    expect(move(2, 'up')).toBe(2);
  });

  it('Down into a short last row lands on the last item', () => {
    expect(move(7, 'down')).toBe(9);
    expect(move(5, 'down')).toBe(9);
    expect(move(4, 'down')).toBe(8);
    expect(move(9, 'down')).toBe(9);
  });

  it('Home/End go to the first/last item', () => {
    expect(move(5, 'first')).toBe(0);
    expect(move(5, 'last')).toBe(9);
  });

  it('starts from the first item when nothing is selected', () => {
    expect(move(-1, 'right')).toBe(0);
    expect(move(-1, 'down')).toBe(0);
    expect(move(-1, 'last')).toBe(9);
  });

  it('returns -1 for an empty grid and survives a zero column count', () => {
    expect(moveInGrid(0, 'right', 4, 0)).toBe(-1);
    expect(moveInGrid(2, 'down', 0, 10)).toBe(3);
  });
});

describe('stepIndex', () => {
  it('steps and clamps', () => {
    expect(stepIndex(3, 1, 10)).toBe(4);
    expect(stepIndex(9, 1, 10)).toBe(9);
    expect(stepIndex(0, -1, 10)).toBe(0);
    expect(stepIndex(0, 1, 0)).toBe(-1);
  });
});
