import { expect, test } from '@playwright/test';
import path from 'node:path';
import { deskCli, newBatchWith, writeScans } from './backfile-setup';
import { deskForEachTest } from '../helpers/serve-desk';

// Whole back-office flows with real imports and OCR running behind them: longer than one screen's test.
test.setTimeout(180_000);

const desk = deskForEachTest('backfile-qc.png');

test('an inspector samples a batch, judges pages by single keys, rejects the batch and replaces the rejected page from the rescan list', async ({ page }) => {
  const names = Array.from({ length: 10 }, (_, i) => `box-07-${String(i + 1).padStart(3, '0')}.jpg`);
  const [rescan] = await writeScans(path.join(desk.root, 'rescan'), ['box-07-rescan.jpg'], 900);
  await newBatchWith(page, desk, '存量 第7盒', await writeScans(path.join(desk.root, 'box-07'), names));
  await page.keyboard.press('q');
  const dialog = page.getByTestId('qc-dialog');
  await expect(dialog.getByTestId('qc-rate')).toHaveValue('5');
  await expect(dialog.getByTestId('qc-rate')).toBeFocused();
  // Below the 5 % floor is refused in place; 20 % of 10 pages is 2.
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('backfile-error')).toContainText('5–100');
  await dialog.getByTestId('qc-rate').fill('20');
  await page.keyboard.press('Enter');

  const judge = dialog.getByTestId('qc-judge');
  await expect(judge).toBeFocused();
  await expect(judge.getByTestId('qc-strip-item')).toHaveCount(2);
  await expect(judge.getByTestId('qc-page')).toBeVisible();
  await expect(judge.getByTestId('page-details')).toContainText('box-07-');
  await expect(judge.getByTestId('qc-progress')).toContainText('第 1／2 页 · 已判 0');

  // P passes the first page and moves on; 6 rejects the second as 图像倾斜.
  await page.keyboard.press('p');
  await expect(judge.getByTestId('qc-progress')).toContainText('第 2／2 页 · 已判 1 · 合格 1');
  await page.keyboard.press('6');
  await expect(judge.getByTestId('qc-verdict')).toHaveText('本页：不合格（图像倾斜）');
  await expect(judge.getByTestId('qc-strip-item').nth(0)).toHaveAttribute('data-verdict', 'pass');
  await expect(judge.getByTestId('qc-strip-item').nth(1)).toHaveAttribute('data-verdict', 'fail');

  // D: the pass rate (50 %) is under 95 %, so the batch goes back, with the inspector's reason.
  await page.keyboard.press('d');
  await expect(dialog.getByTestId('qc-proposal')).toHaveText('合格率 50%，低于要求 95%：批次退回。');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('backfile-error')).toContainText('退回批次须填写原因');
  await page.keyboard.type('倾斜页过多，退回重扫');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('qc-outcome')).toHaveAttribute('data-state', 'rejected');
  await expect(dialog.getByTestId('qc-outcome')).toContainText('倾斜页过多，退回重扫');

  // The rescan list has the rejected page with its reason; I brings in the rescan in its place.
  const row = dialog.getByTestId('rescan-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-state', 'open');
  await expect(row).toContainText('图像倾斜');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('i');
  await (await chooser).setFiles(rescan!);
  await expect(row).toHaveAttribute('data-state', 'done');
  await expect(row).toContainText('已替换');

  // Still 10 pages in the batch: the rescan took the rejected page's place, which went to the trash.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('page-thumb')).toHaveCount(10);
  const rescans = await deskCli<Array<{ state: string; reason: string }>>(desk, ['qc', 'rescans', '存量 第7盒']);
  expect(rescans).toMatchObject([{ state: 'done', reason: 'skewed' }]);
});
