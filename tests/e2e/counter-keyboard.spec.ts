import { expect, test } from '@playwright/test';
import { writeScans } from './backfile-setup';
import { keyWithdrawalItem } from './counter-steps';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('counter-keyboard.png');

test('after a dialog closes the keyboard is back on the pages, never on the header button that opened it; Enter on a list sends the form', async ({ page }) => {
  const scans = await writeScans(desk.root, ['申请表.jpg', '身份证.jpg']);
  await page.goto(desk.url);
  await createBatch(page, '柜台 键盘');
  await page.getByTestId('import-input').setInputFiles(scans);
  const thumbs = page.getByTestId('page-thumb');
  await expect(thumbs).toHaveCount(2);
  const grid = page.getByTestId('thumb-grid');
  await thumbs.first().click();
  await expect(grid).toBeFocused();

  // A header button opens a panel; once it is closed, Enter works on the page, not on that button.
  await page.getByTestId('sync-open').click();
  const syncPanel = page.getByTestId('sync-panel');
  await expect(syncPanel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(syncPanel).toBeHidden();
  await expect(grid).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-viewer')).toBeVisible();
  await expect(syncPanel).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('page-viewer')).toHaveCount(0);
  await expect(grid).toBeFocused();

  // The business picker hands over to the form; the form is sent with Enter on the marriage list,
  // and the pages have the keyboard again.
  await page.keyboard.press('b');
  await keyWithdrawalItem(page, { submitFrom: 'select' });
  await expect(grid).toBeFocused();
  await page.keyboard.press('a');
  await expect(page.getByTestId('material-picker')).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByTestId('material-picker')).toBeHidden();
  await expect(page.getByTestId('checklist').locator('[data-material="TQSQB"]')).toHaveAttribute('data-state', 'present');
  await expect(grid).toBeFocused();
});

test('in the split dialog D splits and K keeps the sheets wherever the focus is', async ({ page }) => {
  const scans = await writeScans(desk.root, ['a1.jpg', 'a2.jpg']);
  await page.goto(desk.url);
  await page.keyboard.press('n');
  await page.getByTestId('new-batch-name').fill('存量 第7盒');
  await page.getByTestId('new-batch-kind-backfile').check();
  await page.getByTestId('new-batch-name').press('Enter');
  await expect(page.getByTestId('batch-title')).toHaveText('存量 第7盒');
  await page.getByTestId('import-input').setInputFiles(scans);
  await expect(page.getByTestId('page-thumb')).toHaveCount(2);

  await page.keyboard.press('Shift+S');
  const dialog = page.getByTestId('separators-dialog');
  // The dialog opens with the focus on its first list: K and D act there too.
  await expect(dialog.getByTestId('sheet-kind')).toBeFocused();
  await page.keyboard.press('k');
  await expect(dialog.getByTestId('split-keep')).toBeChecked();
  await expect(dialog.getByTestId('sheet-kind')).toHaveValue('separator');
  // A click on the dialog's words leaves the focus nowhere in particular: K still works.
  await dialog.getByRole('heading', { level: 3 }).first().click();
  await page.keyboard.press('k');
  await expect(dialog.getByTestId('split-keep')).not.toBeChecked();
  await dialog.getByTestId('sheet-count').focus();
  await page.keyboard.press('d');
  await expect(dialog.getByTestId('split-result')).toBeVisible();
  await expect(dialog.getByTestId('sheet-count')).toHaveValue('10');
});
