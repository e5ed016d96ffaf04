import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { resolveRange } from '../../shared/stats/range';
import { deskForEachTest } from '../helpers/serve-desk';

const ID = '110101199003074573';
const CLERK = { name: 'clerk-1', password: '135790' };
const desk = deskForEachTest('stats.png', {
  env: { HPF_DESK_BACKGROUND_OCR: 'off' },
  // Today a clerk imports two pages and keys an item with an ID number; the administrator imports one.
  prepare: async (cli, root) => {
    const scans = await Promise.all([1, 2, 3].map(async (i) => {
      const file = path.join(root, `scan-${i}.jpg`);
      await writeFile(file, await syntheticJpeg(40 + i, { width: 620, height: 877, dpi: 300 }));
      return file;
    }));
    await cli(['user', 'add', CLERK.name, '--role', 'clerk'], { HPF_DESK_NEW_PASSWORD: CLERK.password });
    const asClerk = { HPF_DESK_USER: CLERK.name, HPF_DESK_PASSWORD: CLERK.password };
    await cli(['import', scans[0]!, scans[1]!, '--batch', '柜台 统计'], asClerk);
    const item = JSON.parse(await cli(['item', 'new', '--batch', '柜台 统计', '--business', 'TQ-ZF', '--date', '2025-02-03', '--field', '姓名=李四', '--field', `证件号码=${ID}`, '--field', '金额=3000', '--json'], asClerk)) as { item: string };
    const pages = JSON.parse(await cli(['list', 'pages', '--batch', '柜台 统计', '--json'], asClerk)) as Array<{ id: string }>;
    await cli(['item', 'assign', item.item, '--page', pages[0]!.id, '--material', 'SFZ'], asClerk);
    await cli(['import', scans[2]!, '--batch', '柜台 站长']);
  },
});

test('the station head opens the statistics with F8, changes the range, opens the list behind a figure and exports the workbook', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(desk.url);
  await expect(page.getByTestId('session-user')).toBeVisible();
  await page.keyboard.press('F8');
  const dialog = page.getByTestId('stats-dialog');
  await expect(dialog).toBeVisible();
  const report = dialog.getByTestId('stats-report');
  const today = resolveRange('today', new Date());
  await expect(report).toHaveAttribute('data-from', today.fromDate);
  const figure = (id: string, key = '') => dialog.locator(`[data-testid="stats-figure"][data-figure="${id}"][data-key="${key}"]`);
  await expect(figure('pagesCaptured')).toHaveText('3');
  await expect(figure('openBatches')).toHaveText('2');
  await expect(dialog.getByTestId('stats-chart-pages').locator('canvas')).toHaveCount(1);
  // The station head sees the OCR backlog over the range's days as well.
  await expect(dialog.getByTestId('stats-chart-backlog').locator('canvas')).toHaveCount(1);

  // W: this week, from Monday; the figures are counted again for the new range.
  await page.keyboard.press('w');
  await expect(dialog.getByTestId('stats-range-week')).toHaveAttribute('aria-pressed', 'true');
  await expect(report).toHaveAttribute('data-from', resolveRange('week', new Date()).fromDate);
  await expect(figure('pagesCaptured')).toHaveText('3');

  // Per clerk; the clerk's pages open as a list of pages, with no personal data in it.
  await dialog.getByTestId('stats-view').selectOption('clerk');
  await expect(figure('pagesCaptured', CLERK.name)).toHaveText('2');
  await figure('pagesCaptured', CLERK.name).click();
  const list = dialog.getByTestId('stats-list');
  await expect(list.getByTestId('stats-fact')).toHaveCount(2);
  await expect(list.getByTestId('stats-fact').first()).toContainText('柜台 统计 #1');
  await expect(list).toContainText(CLERK.name);
  await expect(dialog).not.toContainText(ID);
  await expect(dialog).not.toContainText('李四');
  await page.keyboard.press('Backspace');
  await expect(list).toBeHidden();

  // Per business: lines and the list behind them name the business, not its code.
  await dialog.getByTestId('stats-view').selectOption('business');
  const table = dialog.getByTestId('stats-table');
  await expect(table.locator('thead th', { hasText: '租房' })).toHaveAttribute('title', 'TQ-ZF');
  await expect(table.locator('thead th', { hasText: '（无）' })).toHaveCount(1);
  await expect(table.locator('thead')).not.toContainText('TQ-ZF');
  await expect(table.locator('thead')).not.toContainText('(none)');
  await expect(figure('pagesCaptured', 'TQ-ZF')).toHaveText('1');
  await figure('pagesCaptured', 'TQ-ZF').click();
  await expect(list.getByTestId('stats-fact-business')).toHaveText('租房');
  await page.keyboard.press('Backspace');
  await expect(list).toBeHidden();

  // X exports the report: a real workbook, read back here.
  const download = page.waitForEvent('download');
  await dialog.getByTestId('stats-export').click();
  const file = path.join(desk.root, 'stats.xlsx');
  await (await download).saveAs(file);
  await expect(dialog.getByTestId('stats-exported')).toContainText('.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  expect(book.worksheets.map((s) => s.name)).toEqual(['总计', '按人员', '按业务类型', '按批次类型', '按日', '质检不合格原因', '指标说明']);
  const total = book.getWorksheet('总计')!;
  expect(total.getCell('B2').value).toBe('采集页数 (pages captured)');
  expect(total.getCell('B3').value).toBe(3);
  expect(total.getCell('B3').numFmt).toBe('#,##0');
  const byClerk = book.getWorksheet('按人员')!;
  const rows = byClerk.getRows(3, byClerk.rowCount - 2)!.map((r) => [r.getCell(1).value, r.getCell(2).value]);
  expect(rows).toEqual(expect.arrayContaining([[CLERK.name, 2], ['e2e-admin', 1]]));
});
