/** Geometry of a fixed-size cell grid; all sizes in CSS pixels. */
export interface GridGeometry {
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly gap: number;
}

export interface WindowInput {
  readonly itemCount: number;
  readonly columns: number;
  readonly rowHeight: number;
  readonly scrollTop: number;
  readonly viewportHeight: number;
  /** Extra rows rendered above and below the viewport so fast scrolling shows no blank strip. */
  readonly overscan: number;
}

export interface VisibleWindow {
  readonly rowCount: number;
  readonly totalHeight: number;
  /** First rendered row and the row after the last one. */
  readonly startRow: number;
  readonly endRow: number;
  /** First rendered item and the item after the last one. */
  readonly startIndex: number;
  readonly endIndex: number;
}

/** How many cells fit side by side in `width`; never less than one. */
export function columnCount(width: number, geometry: GridGeometry): number {
  if (!(width > 0)) return 1;
  return Math.max(1, Math.floor((width + geometry.gap) / (geometry.cellWidth + geometry.gap)));
}

/** Which rows and items to render for a scroll position. Only these are in the DOM. */
export function computeWindow(input: WindowInput): VisibleWindow {
  const columns = Math.max(1, Math.floor(input.columns));
  const count = Math.max(0, Math.floor(input.itemCount));
  const rowCount = Math.ceil(count / columns);
  const totalHeight = rowCount * input.rowHeight;
  if (rowCount === 0 || input.rowHeight <= 0) {
    return { rowCount, totalHeight, startRow: 0, endRow: 0, startIndex: 0, endIndex: 0 };
  }
  const top = Math.max(0, input.scrollTop);
  const firstVisible = Math.min(rowCount - 1, Math.floor(top / input.rowHeight));
  const lastVisible = Math.floor((top + Math.max(0, input.viewportHeight)) / input.rowHeight);
  const startRow = Math.max(0, firstVisible - input.overscan);
  const endRow = Math.min(rowCount, lastVisible + 1 + input.overscan);
  return {
    rowCount,
    totalHeight,
    startRow,
    endRow,
    startIndex: startRow * columns,
    endIndex: Math.min(count, endRow * columns),
  };
}

export interface RevealInput {
  readonly index: number;
  readonly columns: number;
  readonly rowHeight: number;
  readonly cellHeight: number;
  /** Space above the first row and below the last one, kept visible around a revealed row. */
  readonly padding: number;
  readonly scrollTop: number;
  readonly viewportHeight: number;
}

/**
 * Scroll position that brings item `index` fully into view (with `padding` around it, so the
 * first and last rows show their margin), moving as little as possible.
 */
export function scrollToReveal(input: RevealInput): number {
  const { index, columns, scrollTop, viewportHeight } = input;
  if (index < 0 || columns < 1) return scrollTop;
  const top = Math.floor(index / columns) * input.rowHeight;
  const bottom = top + input.cellHeight + 2 * input.padding;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, Math.min(top, bottom - viewportHeight));
  return scrollTop;
}
