import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('english-names.png');

test('in English the counter shows the scheme’s English names: business, form, checklist and its conditions, materials', async ({ page }) => {
  const scan = path.join(desk.root, 'application.jpg');
  await writeFile(scan, await syntheticJpeg(51, { width: 620, height: 877, dpi: 75 }));

  await page.goto(desk.url);
  await createBatch(page, 'Counter withdrawal');
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('filing-panel')).toBeVisible();

  // The business picker finds and shows the business by its English name.
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('purchase own');
  const option = page.getByTestId('business-option').first();
  await expect(option).toContainText('Withdrawals · Purchase of own home');
  await expect(option).not.toContainText('购买自住住房');
  await page.keyboard.press('Enter');

  // The form: its title, field labels and choices in English; the stored values stay the scheme's.
  const form = page.getByTestId('item-form');
  await expect(form).toContainText('Withdrawals · Purchase of own home: details');
  await expect(form).toContainText('Marital status');
  await expect(form).not.toContainText('婚姻状况');
  await expect(form.getByTestId('field-婚姻状况').locator('option', { hasText: /^Married$/ })).toHaveAttribute('value', '已婚');
  await form.getByTestId('field-姓名').fill('Wang Li');
  await form.getByTestId('field-证件号码').fill('110101199003074573');
  await form.getByTestId('field-婚姻状况').selectOption('已婚');
  await form.getByTestId('field-金额').fill('12300');
  await form.getByTestId('field-金额').press('Enter');
  await expect(form).toBeHidden();

  // The checklist: material names and the condition of a conditional line in English.
  const checklist = page.getByTestId('checklist');
  await expect(checklist.locator('[data-material="TQSQB"]')).toContainText('Withdrawal application');
  await expect(checklist.locator('[data-material="JHZ"]')).toContainText('Marriage certificate');
  await expect(checklist.locator('[data-material="JHZ"]')).toContainText('Marital status = Married');
  await expect(checklist).not.toContainText(/[\u4e00-\u9fff]{2,}/);
  await expect(page.getByTestId('missing')).toContainText('Missing: Withdrawal application');

  // The material picker offers the checklist's materials by their English names.
  await page.getByTestId('import-input').setInputFiles([scan]);
  await expect(page.getByTestId('page-thumb')).toHaveCount(1);
  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press('a');
  const picker = page.getByTestId('material-picker');
  await expect(picker).toContainText('Withdrawal application');
  await expect(picker).toContainText('ID card');
  await expect(picker).not.toContainText('提取申请表');

  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();

  // Found by search, the item shows its details under the elements' English names.
  await page.keyboard.press('/');
  await page.keyboard.type('Wang Li');
  const search = page.getByTestId('search-dialog');
  await search.locator('[data-testid="search-hit"][data-kind="item"]').first().click();
  const fields = search.getByTestId('item-view-fields');
  await expect(fields).toContainText('Marital status 已婚');
  await expect(fields).not.toContainText('婚姻状况');
});
