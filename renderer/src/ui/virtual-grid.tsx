import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type HTMLAttributes,
  type ReactNode,
  type UIEvent,
} from 'react';
import { columnCount, computeWindow, scrollToReveal, type GridGeometry } from './virtual-window';
import { useElementSize } from './use-element-size';

interface VirtualGridProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onScroll'> {
  readonly itemCount: number;
  readonly geometry: GridGeometry;
  /** Space around the cells inside the scroller (the scroller itself must have no padding). */
  readonly padding?: number;
  /** Index to keep in view when it changes (the keyboard selection); -1 for none. */
  readonly revealIndex: number;
  readonly overscan?: number;
  readonly onColumnsChange?: (columns: number) => void;
  readonly renderCell: (index: number, style: CSSProperties) => ReactNode;
}

/**
 * A windowed grid of fixed-size cells: only the rows in view (plus overscan) are in the DOM, so
 * ten thousand pages scroll like fifty. The column count follows the container's width.
 */
export function VirtualGrid(props: VirtualGridProps) {
  const { itemCount, geometry, padding = 12, revealIndex, overscan = 3, onColumnsChange, renderCell, style, ...rest } =
    props;
  const scroller = useRef<HTMLDivElement>(null);
  const size = useElementSize(scroller);
  const rowHeight = geometry.cellHeight + geometry.gap;
  const columns = columnCount(size.width - 2 * padding, geometry);
  // Only the first visible row is state: scrolling within a row causes no re-render.
  const [firstRow, setFirstRow] = useState(0);

  useEffect(() => onColumnsChange?.(columns), [columns, onColumnsChange]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || revealIndex < 0) return;
    const top = scrollToReveal({
      index: revealIndex,
      columns,
      rowHeight,
      cellHeight: geometry.cellHeight,
      padding,
      scrollTop: element.scrollTop,
      viewportHeight: element.clientHeight,
    });
    if (top !== element.scrollTop) element.scrollTop = top;
  }, [revealIndex, columns, rowHeight, geometry.cellHeight, padding]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    setFirstRow(Math.floor(Math.max(0, event.currentTarget.scrollTop - padding) / rowHeight));
  };

  const win = computeWindow({
    itemCount,
    columns,
    rowHeight,
    scrollTop: firstRow * rowHeight,
    // One extra row because the quantized scrollTop may sit up to a row above the real one.
    viewportHeight: size.height + rowHeight,
    overscan,
  });
  const usedWidth = columns * geometry.cellWidth + (columns - 1) * geometry.gap;
  const left = Math.max(padding, Math.floor((size.width - usedWidth) / 2));
  const height = win.rowCount === 0 ? 0 : win.totalHeight - geometry.gap + 2 * padding;

  const cells: ReactNode[] = [];
  for (let index = win.startIndex; index < win.endIndex; index++) {
    cells.push(
      renderCell(index, {
        position: 'absolute',
        top: padding + Math.floor(index / columns) * rowHeight,
        left: left + (index % columns) * (geometry.cellWidth + geometry.gap),
        width: geometry.cellWidth,
        height: geometry.cellHeight,
      }),
    );
  }

  return (
    <div {...rest} ref={scroller} style={{ ...style, overflowY: 'auto', position: 'relative', padding: 0 }} onScroll={onScroll}>
      <div style={{ position: 'relative', height, width: '100%' }}>{cells}</div>
    </div>
  );
}
