import { FIGURES, type FigureId } from './figures';

/** A figure's value for people: shares as percentages, rates with one decimal, no value as a dash. */
export function formatFigure(id: FigureId, value: number | null): string {
  if (value === null) return '—';
  switch (FIGURES[id].unit) {
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'pagesPerHour':
    case 'seconds':
      return value.toFixed(1);
    default:
      return String(value);
  }
}
