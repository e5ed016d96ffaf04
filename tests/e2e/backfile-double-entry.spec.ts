import { expect, test } from '@playwright/test';
import path from 'node:path';
import { deskCli, openBatch, writeScans } from './backfile-setup';
import { serveDesk, type RunningDesk } from './serve-desk';

let desk: RunningDesk;

test.beforeEach(async () => {
  desk = await serveDesk();
});

test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: info.outputPath('backfile-double-entry.png'), fullPage: true });
  await desk.stop();
});

test('two keyers key an item blind on one station, then the difference is resolved side by side', async ({ page }) => {
  const [scan] = await writeScans(path.join(desk.root, 'scans'), ['王五提取申请表.jpg']);
  const imported = await deskCli<{ batch: string }>(desk, ['import', scan!, '--batch', '存量 双录']);
  const [pageRecord] = await deskCli<Array<{ id: string }>>(desk, ['list', 'pages', '--batch', imported.batch]);
  const { item } = await deskCli<{ item: string }>(desk, ['item', 'new', '--batch', imported.batch, '--business', 'TQ-TX', '--date', '2003-07-08']);
  await deskCli(desk, ['item', 'assign', item, '--page', pageRecord!.id, '--material', 'TQSQB']);

  await openBatch(page, desk, '存量 双录');
  await page.keyboard.press('v');
  const dialog = page.getByTestId('double-entry-dialog');
  await expect(dialog.getByTestId('entry-item')).toHaveCount(1);
  await expect(dialog.locator('.backfile-page img')).toBeVisible();

  // Pass 1, keyed from the paper by 王敏.
  await expect(dialog.getByTestId('keyer')).toBeFocused();
  await page.keyboard.type('王敏');
  await expect(dialog.getByTestId('keying-form')).toHaveAttribute('data-pass', '1');
  await dialog.getByTestId('key-姓名').fill('王五');
  await dialog.getByTestId('key-金额').fill('8000');
  await dialog.getByTestId('key-金额').press('Enter');
  await expect(dialog.getByTestId('keying-saved')).toContainText('第 1 遍已保存');

  // Pass 2 by 刘洋: an empty form, and nothing of pass 1 anywhere on screen.
  await expect(dialog.getByTestId('keying-form')).toHaveAttribute('data-pass', '2');
  await expect(dialog.getByTestId('keyer')).toBeFocused();
  await expect(dialog.getByTestId('keyer')).toHaveValue('');
  await expect(dialog.getByTestId('key-姓名')).toHaveValue('');
  await expect(dialog.getByTestId('key-金额')).toHaveValue('');
  await expect(dialog).not.toContainText('王五');
  await expect(dialog).not.toContainText('王敏');
  await page.keyboard.type('刘洋');
  await dialog.getByTestId('key-姓名').fill('王伍');
  await dialog.getByTestId('key-金额').fill('8000.00');
  await dialog.getByTestId('key-金额').press('Enter');

  // Both in: the difference side by side, the agreed amount listed apart.
  const resolution = dialog.getByTestId('keying-resolution');
  await expect(resolution).toContainText('两遍有 1 处不一致');
  const row = resolution.getByTestId('difference');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-field', '姓名');
  await expect(row.getByTestId('take-first')).toHaveText('王五');
  await expect(row.getByTestId('take-second')).toHaveText('王伍');
  await expect(resolution.getByTestId('agreed')).toContainText('8000.00');
  await expect(resolution).toContainText('第一遍（王敏）');
  await expect(resolution).toContainText('第二遍（刘洋）');

  // The checker names themself, takes the first pass's value with Alt+1 and resolves with Enter.
  await dialog.getByTestId('keyer').fill('陈静');
  await resolution.getByTestId('resolve-姓名').focus();
  await page.keyboard.press('Alt+1');
  await expect(resolution.getByTestId('resolve-姓名')).toHaveValue('王五');
  await page.keyboard.press('Enter');
  await expect(resolution).toContainText('已核对定稿');

  // The resolution is the item's next metadata version.
  const shown = await deskCli<{ version: number; fields: Record<string, string> }>(desk, ['show', item]);
  expect(shown).toMatchObject({ version: 2, fields: { 姓名: '王五', 金额: '8000.00' } });
});
