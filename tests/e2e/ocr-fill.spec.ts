import { expect, test } from '@playwright/test';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('ocr-fill.png');

test('the item form shows the pages beside the fields: a click on a word, or words picked with the keyboard, fill the field in focus', async ({ page }) => {
  test.setTimeout(180_000);
  const form = path.join(desk.root, '提取申请表.jpg');
  const idCard = path.join(desk.root, '身份证.jpg');
  await copyFile(path.resolve('tests/fixtures/ocr/withdrawal-03.jpg'), form);
  await copyFile(path.resolve('tests/fixtures/ocr/id-card-04.jpg'), idCard);

  await page.goto(desk.url);
  await page.keyboard.press('n');
  await page.getByTestId('new-batch-name').fill('柜台 提取 沈建华');
  await page.keyboard.press('Enter');
  await expect(page.getByText('柜台 提取 沈建华').first()).toBeVisible();
  await page.getByTestId('import-input').setInputFiles([form, idCard]);
  await expect(page.getByTestId('page-thumb')).toHaveCount(2);
  // The serve process reads every page in the background (the models load on the first page).
  for (const thumb of await page.getByTestId('page-thumb').all()) {
    await expect(thumb.getByTestId('ocr-badge')).toHaveAttribute('data-ocr', 'done', { timeout: 120_000 });
  }

  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await page.keyboard.press('Enter');
  const itemForm = page.getByTestId('item-form');
  const pane = itemForm.getByTestId('item-pages');
  await expect(pane.getByTestId('item-page-position')).toHaveText('第 1/2 页');
  await expect(pane.getByTestId('item-page-ocr')).toHaveAttribute('data-engine', 'ppocr');

  // Focus 姓名, click the name on the page: the field holds it.
  const name = itemForm.getByTestId('field-姓名');
  await name.click();
  await pane.locator('[data-testid="ocr-word"][data-word="沈建华"]').click();
  await expect(name).toHaveValue('沈建华');
  await expect(name).toBeFocused();

  // The same for the ID number.
  const idNumber = itemForm.getByTestId('field-证件号码');
  await idNumber.click();
  await pane.locator('[data-testid="ocr-word"][data-word="310115196604277511"]').click();
  await expect(idNumber).toHaveValue('310115196604277511');

  // Keyboard only: F4 goes to the page's words, → walks them, Enter fills the field and comes back.
  await name.fill('');
  await name.focus();
  await page.keyboard.press('F4');
  const words = pane.getByTestId('item-page-words');
  await expect(words).toBeFocused();
  for (let i = 0; i < 40 && (await words.getAttribute('data-selection')) !== '沈建华'; i++) await page.keyboard.press('ArrowRight');
  await expect(words).toHaveAttribute('data-selection', '沈建华');
  await expect(pane.locator('[data-testid="ocr-word"][data-word="沈建华"]')).toHaveClass(/is-selected/);
  await page.keyboard.press('Enter');
  await expect(name).toHaveValue('沈建华');
  await expect(name).toBeFocused();
  await expect(pane.getByTestId('item-fill-notice')).toContainText('沈建华');
  // The grid behind the form did not move while the arrows walked the words.
  await expect(page.getByTestId('page-thumb').first()).toHaveAttribute('aria-selected', 'true');

  // PageDown turns to the next page with its own words; PageUp back.
  await page.keyboard.press('PageDown');
  await expect(pane.getByTestId('item-page-position')).toHaveText('第 2/2 页');
  await expect(pane.locator('[data-testid="ocr-word"][data-word="110105199312075284"]')).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(pane.getByTestId('item-page-position')).toHaveText('第 1/2 页');

  // F2 still takes the proposals into the empty fields; the picked values stay.
  const amount = itemForm.getByTestId('field-金额');
  await expect(amount).toHaveValue('');
  await page.keyboard.press('F2');
  await expect(amount).toHaveValue('258370.00');
  await expect(name).toHaveValue('沈建华');

  // The core validates the filled values like typed ones: the item is created with them.
  await amount.press('Enter');
  await expect(itemForm).toBeHidden();
  await expect(page.getByTestId('filing-item')).toContainText('姓名 沈建华');
});
