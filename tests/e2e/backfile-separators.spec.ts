import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newBatchWith, writeScans } from './backfile-setup';
import { deskForEachTest } from '../helpers/serve-desk';

// Whole back-office flows with real imports and OCR running behind them: longer than one screen's test.
test.setTimeout(180_000);

const desk = deskForEachTest('backfile-separators.png');

test('an archivist prints separator sheets, scans them between the papers and splits the batch, with a page-count warning shown', async ({ page }) => {
  await newBatchWith(page, desk, '存量 第3盒', []);

  await page.keyboard.press('Shift+S');
  const dialog = page.getByTestId('separators-dialog');
  await expect(dialog.getByTestId('sheet-kind')).toBeFocused();
  await dialog.getByTestId('sheet-count').fill('2');
  await dialog.getByTestId('sheet-business').selectOption('TQ-ZF');
  await dialog.getByTestId('sheet-date').fill('2003-05-06');
  await dialog.getByTestId('sheet-pages').fill('2');
  await dialog.getByTestId('sheet-pages').press('Enter');
  await expect(dialog.getByTestId('sheets-printed')).toContainText('已登记 2 张');

  // "Print and scan": fetch the PDF the link opens, rasterize it at 200 dpi as a scanner would.
  const href = await dialog.getByTestId('sheets-pdf').getAttribute('href');
  const pdf = await page.request.get(new URL(href!, page.url()).toString());
  expect(pdf.headers()['content-type']).toContain('pdf');
  const sheetsPdf = path.join(desk.root, 'sheets.pdf');
  await writeFile(sheetsPdf, await pdf.body());
  execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', sheetsPdf, path.join(desk.root, 'sheet')]);
  const [sheet1, sheet2] = (await readdir(desk.root)).filter((n) => /^sheet-\d+\.png$/.test(n)).sort().map((n) => path.join(desk.root, n));
  const papers = await writeScans(path.join(desk.root, 'papers'), ['a1.jpg', 'a2.jpg', 'b1.jpg', 'b2.jpg', 'b3.jpg']);
  await page.keyboard.press('Escape');
  // Scan order: sheet 1, two pages, sheet 2, three pages — one page more than sheet 2 announces.
  await page.getByTestId('import-input').setInputFiles([sheet1!, papers[0]!, papers[1]!, sheet2!, papers[2]!, papers[3]!, papers[4]!]);
  await expect(page.getByTestId('page-thumb')).toHaveCount(7);

  await page.keyboard.press('Shift+S');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('split-run').focus();
  // K toggles keeping the sheets (off again here: the sheets go to the trash), D splits.
  await page.keyboard.press('k');
  await expect(dialog.getByTestId('split-keep')).toBeChecked();
  await page.keyboard.press('k');
  await expect(dialog.getByTestId('split-keep')).not.toBeChecked();
  await page.keyboard.press('d');
  const result = dialog.getByTestId('split-result');
  await expect(result).toContainText('拆成 2 件');
  await expect(result.getByTestId('split-item')).toHaveCount(2);
  await expect(result.getByTestId('split-item').nth(0)).toHaveAttribute('data-problems', '0');
  await expect(result.getByTestId('split-item').nth(1)).toContainText('3');
  await expect(result.getByTestId('split-warnings')).toContainText('页数不符：应为 2 页，实为 3 页');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('page-thumb')).toHaveCount(5);
});
