import type ExcelJS from 'exceljs';
import { STATS_VIEWS, type StatsReport } from '../../../shared/contract';
import { FIGURE_IDS, FIGURES, type FigureUnit } from '../../../shared/stats/figures';
import { VIEW_NAMES, viewTable } from '../../../shared/stats/stats-table';
import { loadExcelJs } from '../util/load-on-use';

/** Excel number formats per unit: counts as whole numbers, shares as percentages. */
export const NUMBER_FORMAT: Readonly<Record<FigureUnit, string>> = {
  pages: '#,##0',
  items: '#,##0',
  batches: '#,##0',
  rows: '#,##0',
  hours: '#,##0',
  days: '#,##0',
  seconds: '#,##0.0',
  ratio: '0.0%',
  pagesPerHour: '#,##0.0',
};

/** The sheet names (Excel allows 31 characters, no slashes). */
export const SHEET_NAMES = {
  ...Object.fromEntries(STATS_VIEWS.map((v) => [v, VIEW_NAMES[v].zh])),
  reasons: '质检不合格原因',
  definitions: '指标说明',
} as Readonly<Record<(typeof STATS_VIEWS)[number] | 'reasons' | 'definitions', string>>;

/**
 * The report as a real workbook: one sheet per view with Chinese headers and number formats,
 * the QC reasons, and the figures' definitions, so a sheet forwarded alone still says what it
 * counts and over which days.
 */
export async function statsWorkbook(report: StatsReport, stationName: string): Promise<Buffer> {
  const book = new (await loadExcelJs()).Workbook();
  book.creator = 'HPF Archive Desk';
  book.created = new Date(report.generatedAt);
  const title = `${stationName} 管理监督统计 ${report.range.fromDate} 至 ${report.range.toDate}${report.scope.kind === 'own' ? `（仅 ${report.scope.clerk} 本人）` : ''}`;
  for (const view of STATS_VIEWS) {
    const table = viewTable(report, view);
    const sheet = book.addWorksheet(SHEET_NAMES[view], { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
    sheet.addRow([title]).font = { bold: true };
    const header = sheet.addRow([...table.headers]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    for (const row of table.rows) sheet.addRow([...row]);
    sheet.getColumn(1).width = 24;
    table.figures.forEach((id, i) => {
      const column = sheet.getColumn(i + 2);
      column.width = 14;
      column.numFmt = NUMBER_FORMAT[FIGURES[id].unit];
    });
  }
  const reasons = book.addWorksheet(SHEET_NAMES.reasons);
  reasons.addRow(['不合格原因 (reason)', '页数 (pages)']).font = { bold: true };
  for (const r of report.rejectReasons) reasons.addRow([r.reason, r.count]);
  addDefinitionsSheet(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The figures' definitions, so a workbook forwarded alone still says what each figure counts. */
export function addDefinitionsSheet(book: ExcelJS.Workbook): void {
  const definitions = book.addWorksheet(SHEET_NAMES.definitions);
  definitions.addRow(['指标', 'figure', '单位 (unit)', '定义', 'definition']).font = { bold: true };
  for (const id of FIGURE_IDS) {
    const f = FIGURES[id];
    definitions.addRow([f.zh, f.en, f.unit, f.definition.zh, f.definition.en]);
  }
  definitions.columns.forEach((c, i) => (c.width = [18, 28, 12, 50, 60][i]));
}
