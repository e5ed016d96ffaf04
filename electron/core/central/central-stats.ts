import type ExcelJS from 'exceljs';
import { FIGURE_IDS, FIGURES } from '../../../shared/stats/figures';
import { figureHeader } from '../../../shared/stats/stats-table';
import { aggregateSupervision, supervisionTotals, type StationMonth, type SupervisionFile } from '../../../shared/stats/supervision';
import { addDefinitionsSheet, NUMBER_FORMAT } from '../stats/stats-workbook';
import { loadExcelJs } from '../util/load-on-use';

/** The centre's figures for one month: each station's, all stations together, and the total of every month received. */
export interface CentralStats {
  /** YYYY-MM. */
  readonly month: string;
  readonly stations: readonly StationMonth[];
  /** Null when no station sent figures for the month. */
  readonly total: StationMonth | null;
  readonly months: readonly StationMonth[];
}

export function centralStats(files: readonly SupervisionFile[], month: string): CentralStats {
  const totals = supervisionTotals(files);
  return {
    month,
    stations: aggregateSupervision(files).filter((m) => m.month === month),
    total: totals.find((m) => m.month === month) ?? null,
    months: totals,
  };
}

export const CENTRAL_SHEET_NAMES = { stations: '按网点', months: '各月合计' } as const;

function figureSheet(book: ExcelJS.Workbook, name: string, title: string, keyHeader: string, rows: ReadonlyArray<{ key: string; row: StationMonth }>): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  sheet.addRow([title]).font = { bold: true };
  const header = sheet.addRow([keyHeader, ...FIGURE_IDS.map(figureHeader)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const { key, row } of rows) sheet.addRow([key, ...FIGURE_IDS.map((id) => row.values[id])]);
  sheet.getColumn(1).width = 28;
  FIGURE_IDS.forEach((id, i) => {
    const column = sheet.getColumn(i + 2);
    column.width = 14;
    column.numFmt = NUMBER_FORMAT[FIGURES[id].unit];
  });
}

/**
 * The centre's workbook: the month per station with the all-stations row last, the total of every
 * month received, and the figures' definitions — the station's own export's layout and formats.
 */
export async function centralStatsWorkbook(stats: CentralStats, archive: string): Promise<Buffer> {
  const book = new (await loadExcelJs()).Workbook();
  book.creator = 'HPF Archive Desk';
  const perStation = stats.stations.map((row) => ({ key: `${row.stationName} (${row.stationId})`, row }));
  figureSheet(book, CENTRAL_SHEET_NAMES.stations, `${archive} 各网点管理监督统计 ${stats.month}`, '网点 (station)', [
    ...perStation,
    ...(stats.total ? [{ key: '合计 (all stations)', row: stats.total }] : []),
  ]);
  figureSheet(book, CENTRAL_SHEET_NAMES.months, `${archive} 各月合计`, '月份 (month)', stats.months.map((row) => ({ key: row.month, row })));
  addDefinitionsSheet(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}
