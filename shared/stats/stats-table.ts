import type { StatsReport, StatsView } from '../contract/stats-api';
import { FIGURE_IDS, FIGURES, type FigureId } from './figures';

/**
 * A view of a report as a table with Chinese headers (English in brackets): the one layout the
 * screen, the CSV and the workbook share, so an exported sheet reads like the screen.
 */
export const VIEW_NAMES: Readonly<Record<StatsView, { readonly zh: string; readonly en: string }>> = {
  total: { zh: '总计', en: 'total' },
  clerk: { zh: '按人员', en: 'by clerk' },
  business: { zh: '按业务类型', en: 'by business' },
  batchKind: { zh: '按批次类型', en: 'by batch kind' },
  day: { zh: '按日', en: 'by day' },
};

const KEY_HEADERS: Readonly<Record<StatsView, string>> = {
  total: '统计期间 (range)',
  clerk: '人员 (clerk)',
  business: '业务类型 (business)',
  batchKind: '批次类型 (batch kind)',
  day: '日期 (day)',
};

const BATCH_KINDS: Readonly<Record<string, string>> = { counter: '柜台 counter', backfile: '回溯 backfile' };

/** Snapshots are station-wide states; views split by clerk, business or day leave them out. */
export function viewFigures(view: StatsView): FigureId[] {
  return FIGURE_IDS.filter((id) => FIGURES[id].how.kind !== 'snapshot' || view === 'total' || view === 'batchKind');
}

export function keyLabel(report: Pick<StatsReport, 'range'>, view: StatsView, key: string | null): string {
  if (view === 'total') return `${report.range.fromDate} – ${report.range.toDate}`;
  if (key === null) return '（无）(none)';
  return view === 'batchKind' ? BATCH_KINDS[key] ?? key : key;
}

export const figureHeader = (id: FigureId): string => `${FIGURES[id].zh} (${FIGURES[id].en})`;

export interface StatsTable {
  readonly figures: readonly FigureId[];
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly [string, ...Array<number | null>]>;
}

export function viewTable(report: StatsReport, view: StatsView): StatsTable {
  const figures = viewFigures(view);
  return {
    figures,
    headers: [KEY_HEADERS[view], ...figures.map(figureHeader)],
    rows: report.views[view].map((r) => [keyLabel(report, view, r.key), ...figures.map((id) => r.values[id] ?? null)] as const),
  };
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV (CRLF); the writer puts a BOM in front so Excel reads it as UTF-8. */
export function tableCsv(table: StatsTable): string {
  return [table.headers, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
