import { expect, test } from '@playwright/test';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { deskCli, newBatchWith, writeScans } from './backfile-setup';
import { deskForEachTest } from '../helpers/serve-desk';

// Whole back-office flows with real imports and OCR running behind them: longer than one screen's test.
test.setTimeout(180_000);

const desk = deskForEachTest('backfile-catalogue.png');

const code = (n: number) => `J017-GJJ·2003-D30-TQ-${String(n).padStart(4, '0')}`;

test('an archivist previews a catalogue, fixes the column mapping, imports it and links images, with the unmatched shown on both sides', async ({ page }) => {
  const xlsx = path.join(desk.root, '2003年提取目录.xlsx');
  await writeExcelFile([
    ['档号', '题名', '业务种类', '业务日期', '职工姓名', '页数', '库位'],
    [code(1), '张三提取住房公积金', '提取·购买自住住房', '2003-05-06', '张三', '2', 'A-01'],
    [code(2), '李四提取住房公积金', 'TQ-ZF', '2003年6月7日', '李四', '1', 'A-01'],
    [code(3), '王五提取住房公积金', 'TQ-TX', '2003-07-08', '王五', '1', 'A-02'],
    [code(4), '赵六（无图像）', 'TQ-TX', '2003-08-09', '赵六', '1', 'A-02'],
  ]).toFile(xlsx);
  const images = path.join(desk.root, '图像', '2003');
  await writeScans(images, [`${code(1)}-002.jpg`, `${code(1)}-001.jpg`, `${code(2)}-001.jpg`, `${code(3)}-001.jpg`, 'J017-GJJ·2003-D30-TQ-0099-001.jpg']);
  await newBatchWith(page, desk, '存量 2003 提取', []);

  await page.keyboard.press('Shift+C');
  const dialog = page.getByTestId('catalogue-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('catalogue-path').fill(xlsx);
  await page.keyboard.press('Enter');

  // The preview shows the file's own rows under the suggested mapping; 库位 is not imported yet.
  const mapping = dialog.getByTestId('catalogue-mapping');
  await expect(mapping.getByTestId('catalogue-row')).toHaveCount(4);
  await expect(mapping.getByTestId('catalogue-row').first()).toContainText('张三提取住房公积金');
  await expect(dialog.getByTestId('map-职工姓名')).toHaveValue('姓名');
  await expect(dialog.getByTestId('map-业务种类')).toHaveValue('业务类型');
  await expect(dialog.getByTestId('map-库位')).toHaveValue('');
  await expect(dialog.getByTestId('catalogue-summary')).toHaveText('共 4 行，其中 0 行有问题');

  // Map 库位 to 备注 from the keyboard; the preview is read again with the new mapping.
  await dialog.getByTestId('map-库位').focus();
  await dialog.getByTestId('map-库位').selectOption('备注');
  await expect(dialog.getByTestId('map-库位')).toHaveValue('备注');

  await dialog.getByTestId('catalogue-import').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('catalogue-imported')).toContainText('已导入 4 行');

  await dialog.getByTestId('link-dir').fill(path.dirname(images));
  await expect(dialog.getByTestId('link-rule')).toHaveValue('{档号}-{页号}');
  await dialog.getByTestId('link-dir').press('Enter');

  const report = dialog.getByTestId('link-report');
  await expect(report.getByTestId('link-summary')).toHaveText('已挂接 3 件，共 4 页；未匹配目录行 1 条，未匹配文件 1 个');
  await expect(report.getByTestId('unmatched-rows')).toContainText(`第 5 行 ${code(4)}`);
  await expect(report.getByTestId('unmatched-files')).toContainText('2003/J017-GJJ·2003-D30-TQ-0099-001.jpg');

  // The linked items carry the catalogue's metadata, 库位 included as 备注.
  const items = await deskCli<Array<{ id: string; fields: Record<string, string> }>>(desk, ['list', 'items', '--batch', '存量 2003 提取']);
  expect(items.map((i) => [i.fields['姓名'], i.fields['备注']])).toEqual([
    ['张三', 'A-01'],
    ['李四', 'A-01'],
    ['王五', 'A-02'],
  ]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('page-thumb')).toHaveCount(4);
});
