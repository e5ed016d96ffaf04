import { expect, test } from '@playwright/test';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('choice-proposals.png');
test.use({ viewport: { width: 1366, height: 768 } });

test('the item form proposes 婚姻状况 and 证件类型 read from the form, like the other fields, and F2 takes them', async ({ page }) => {
  test.setTimeout(180_000);
  const form = path.join(desk.root, '提取申请表.jpg');
  await copyFile(path.resolve('tests/fixtures/ocr/withdrawal-03.jpg'), form);

  await page.goto(desk.url);
  await page.keyboard.press('n');
  await page.getByTestId('new-batch-name').fill('柜台 提取 沈建华');
  await page.keyboard.press('Enter');
  await expect(page.getByText('柜台 提取 沈建华').first()).toBeVisible();
  await page.getByTestId('import-input').setInputFiles([form]);
  // The serve process reads the page in the background (the models load on the first page).
  await expect(page.getByTestId('page-thumb').getByTestId('ocr-badge')).toHaveAttribute('data-ocr', 'done', { timeout: 120_000 });

  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await page.keyboard.press('Enter');
  const itemForm = page.getByTestId('item-form');
  const marriage = itemForm.getByTestId('field-婚姻状况');
  const idType = itemForm.getByTestId('field-证件类型');

  // The form writes 婚姻状况 未婚 and 证件类型 居民身份证: both are offered beside their lists.
  await expect(itemForm.getByTestId('proposal-婚姻状况')).toHaveText('识别：未婚');
  await expect(itemForm.getByTestId('proposal-证件类型')).toHaveText('识别：居民身份证');
  await expect(marriage).toHaveValue('');

  await page.keyboard.press('F2');
  await expect(marriage).toHaveValue('未婚');
  await expect(idType).toHaveValue('居民身份证');
  await expect(itemForm.getByTestId('proposal-婚姻状况')).toBeHidden();
});
