/** Anything with an upright box [left, top, width, height]. */
export interface Boxed {
  readonly box: readonly [number, number, number, number];
}

/**
 * Group lines into rows and order them as a person reads a form: rows top to bottom, cells left
 * to right. A line joins a row when it overlaps the row's vertical span by at least half of the
 * shorter of the two, so the cells of one table row stay together even when their heights differ.
 */
export function orderIntoRows<T extends Boxed>(lines: readonly T[]): T[][] {
  const byTop = [...lines].sort((a, b) => centreY(a) - centreY(b));
  const rows: Array<{ top: number; bottom: number; items: T[] }> = [];
  for (const line of byTop) {
    const [, top, , height] = line.box;
    const bottom = top + height;
    const row = rows.find((r) => {
      const overlap = Math.min(bottom, r.bottom) - Math.max(top, r.top);
      return overlap >= 0.5 * Math.min(height, r.bottom - r.top);
    });
    if (row) {
      row.items.push(line);
      row.top = Math.min(row.top, top);
      row.bottom = Math.max(row.bottom, bottom);
    } else {
      rows.push({ top, bottom, items: [line] });
    }
  }
  return rows
    .sort((a, b) => a.top + a.bottom - (b.top + b.bottom))
    .map((r) => r.items.sort((a, b) => a.box[0] - b.box[0]));
}

const centreY = (line: Boxed): number => line.box[1] + line.box[3] / 2;

/** A page's lines with the turn of the page they were read on (see OcrRecognition.angle). */
export interface TurnedPage<T extends Boxed> {
  readonly lines: readonly T[];
  readonly angle: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Rows of a read page, found on the page straightened: on a page turned 3° the two ends of a
 * row differ in height by more than a line. Each line comes with its straightened box.
 */
export function uprightRows<T extends Boxed>(page: TurnedPage<T>): Array<Array<{ line: T; box: readonly [number, number, number, number] }>> {
  const cx = page.width / 2;
  const cy = page.height / 2;
  const a = (-page.angle * Math.PI) / 180;
  const upright = page.lines.map((line) => {
    const [x, y, w, h] = line.box;
    const dx = x + w / 2 - cx;
    const dy = y + h / 2 - cy;
    const ux = cx + dx * Math.cos(a) - dy * Math.sin(a);
    const uy = cy + dx * Math.sin(a) + dy * Math.cos(a);
    return { line, box: [ux - w / 2, uy - h / 2, w, h] as const };
  });
  return orderIntoRows(upright);
}
