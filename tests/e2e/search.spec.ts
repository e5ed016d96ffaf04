import { expect, test } from '@playwright/test';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { serveDesk, type RunningDesk } from './serve-desk';

let desk: RunningDesk;

test.beforeEach(async () => {
  desk = await serveDesk();
});

test.afterEach(async () => {
  await desk.stop();
});

test('the clerk searches from the keyboard, sees masked snippets by kind, and opens a page hit in the viewer', async ({ page }) => {
  test.setTimeout(150_000);
  const file = path.join(desk.root, '提取申请表.jpg');
  await copyFile(path.resolve('tests/fixtures/ocr/withdrawal-03.jpg'), file);

  await page.goto(desk.url);
  await page.keyboard.press('n');
  const name = page.getByRole('textbox').first();
  await name.fill('柜台 检索');
  await name.press('Enter');
  await expect(page.getByText('柜台 检索').first()).toBeVisible();
  await page.getByTestId('import-input').setInputFiles([file]);
  await expect(page.getByTestId('page-thumb')).toHaveCount(1);
  await expect(page.getByTestId('ocr-badge')).toHaveAttribute('data-ocr', 'done', { timeout: 90_000 });

  // "/" opens the search box with the cursor in it; a two-character name is found too.
  await page.locator('body').press('/');
  const dialog = page.getByTestId('search-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type('建华');
  const hit = dialog.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toHaveAttribute('data-kind', 'page');
  await expect(dialog.getByRole('heading', { name: /页面/ })).toBeVisible();
  await expect(hit.getByTestId('search-snippet').locator('mark')).toHaveText('建华');

  // An ID-number substring finds the page; the snippet shows the number masked, never in full.
  await page.getByTestId('search-input').fill('19660427');
  await expect(hit.getByTestId('search-snippet')).toContainText('3101**********7511');
  await expect(dialog).not.toContainText('310115196604277511');

  // Enter opens the chosen hit: the page in the viewer, with its text beside it.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('page-viewer')).toBeVisible();
  await expect(page.getByTestId('ocr-panel').getByTestId('ocr-text')).toContainText('住房公积金提取申请表');

  // Back on the main screen Ctrl+F opens search as well; Esc closes it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('page-viewer')).toBeHidden();
  await page.keyboard.press('Control+f');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('不存在的内容');
  await expect(page.getByTestId('search-status')).toContainText('没有找到');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
