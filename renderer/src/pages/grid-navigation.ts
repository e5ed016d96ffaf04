export type GridMove = 'left' | 'right' | 'up' | 'down' | 'first' | 'last';

/**
 * New selected index after a keyboard move in a grid of `count` items laid out in `columns`.
 * With nothing selected (-1) any move selects the first item. Moving down from the row above a
 * short last row lands on the last item, as file managers do; at the edges the index stays.
 */
export function moveInGrid(index: number, move: GridMove, columns: number, count: number): number {
  if (count <= 0) return -1;
  const cols = Math.max(1, Math.floor(columns));
  const last = count - 1;
  if (index < 0 || index > last) return move === 'last' ? last : 0;
  switch (move) {
    case 'left':
      return Math.max(0, index - 1);
    case 'right':
      return Math.min(last, index + 1);
    case 'up':
      return index - cols >= 0 ? index - cols : index;
    case 'down': {
      if (index + cols <= last) return index + cols;
      const hasRowBelow = Math.floor(last / cols) > Math.floor(index / cols);
      return hasRowBelow ? last : index;
    }
    case 'first':
      return 0;
    case 'last':
      return last;
  }
}

/** Index `step` places away, clamped to the list (next/previous page in the viewer). */
export function stepIndex(index: number, step: number, count: number): number {
  if (count <= 0) return -1;
  return Math.min(count - 1, Math.max(0, index + step));
}
