import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('closed-batch.png');

test('a counter batch does not close with loose pages; a closed batch offers no import, no business and no page editing, and says why in the clerk’s words', async ({ page }) => {
  const scan = path.join(desk.root, '申请表.jpg');
  await writeFile(scan, await syntheticJpeg(51, { width: 620, height: 877, dpi: 75 }));
  await page.goto(desk.url);
  await createBatch(page, '柜台 王丽');
  await page.getByTestId('import-input').setInputFiles([scan]);
  const thumbs = page.getByTestId('page-thumb');
  await expect(thumbs).toHaveCount(1);
  const before = await thumbs.first().getAttribute('data-page-id');

  // At the counter every page must land in an item: closing is refused with the loose pages listed.
  await page.keyboard.press('w');
  const dialog = page.getByTestId('close-batch-dialog');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('close-batch-loose')).toContainText('第 1 页还不属于任何件，批次不能关闭');
  await expect(dialog.getByTestId('close-batch-loose-reason')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('close-batch-button')).toBeEnabled();

  // In an item, the page lets the batch close.
  await thumbs.first().click();
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('item-form');
  await form.getByTestId('field-姓名').fill('王丽');
  await form.getByTestId('field-证件号码').fill('110101199003074573');
  await form.getByTestId('field-婚姻状况').selectOption('未婚');
  await form.getByTestId('field-金额').fill('12300');
  await form.getByTestId('field-金额').press('Enter');
  await expect(form).toBeHidden();
  await thumbs.first().click();
  await page.keyboard.press('a');
  await page.keyboard.press('1');
  await expect(page.getByTestId('page-place')).toHaveText('提取申请表');
  await page.keyboard.press('w');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('close-batch-outcome')).toContainText('批次已关闭');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('import-button')).toBeDisabled();
  await thumbs.first().click();
  const notice = page.getByTestId('notice');
  // B: no business form on a closed batch.
  await page.keyboard.press('b');
  await expect(notice).toContainText('该批次已关闭');
  await expect(page.getByTestId('business-picker')).toHaveCount(0);
  await page.getByTestId('notice').getByRole('button').first().click();
  await expect(notice).toBeHidden();
  // A page-editing key: refused before the core is asked, without internal ids.
  await page.keyboard.press(']');
  await expect(notice).toContainText('该批次已关闭');
  await expect(notice).not.toContainText(before!);
  await page.keyboard.press('d');
  await expect(page.getByTestId('trash-page-dialog')).toHaveCount(0);
});
