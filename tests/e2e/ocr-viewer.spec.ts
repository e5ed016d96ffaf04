import { expect, test } from '@playwright/test';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('ocr-viewer.png');

test('a counter page is read in the background; the clerk sees its text, hovers words and fills a field by clicking one', async ({ page }) => {
  test.setTimeout(150_000);
  const file = path.join(desk.root, '提取申请表.jpg');
  await copyFile(path.resolve('tests/fixtures/ocr/withdrawal-03.jpg'), file);

  await page.goto(desk.url);
  await createBatch(page, '柜台 提取 OCR');
  await page.getByTestId('import-input').setInputFiles([file]);
  await expect(page.getByTestId('page-thumb')).toHaveCount(1);

  // The thumbnail says when the page has been read (the models load on the first page).
  await expect(page.getByTestId('ocr-badge')).toHaveAttribute('data-ocr', 'done', { timeout: 90_000 });

  await page.getByTestId('page-thumb').first().dblclick();
  const panel = page.getByTestId('ocr-panel');
  await expect(panel).toHaveAttribute('data-state', 'done');
  await expect(panel.getByTestId('ocr-text')).toContainText('住房公积金提取申请表');
  await expect(panel.getByTestId('ocr-text')).toContainText('310115196604277511');

  // Hovering a word on the page lights it in the text, and the other way round.
  const word = page.locator('[data-testid="ocr-word"][data-word="沈建华"]');
  await word.hover();
  await expect(word).toHaveClass(/is-hovered/);
  await expect(panel.getByTestId('ocr-text-word').filter({ hasText: /^沈建华$/ })).toHaveClass(/is-hovered/);

  // The proposed fields include the ID number; clicking a word fills the field in focus.
  const idField = panel.locator('[data-testid="ocr-field"][data-field="证件号码"] input');
  await expect(idField).toHaveValue('310115196604277511');
  const nameField = panel.locator('[data-testid="ocr-field"][data-field="姓名"] input');
  await nameField.fill('');
  await nameField.focus();
  await word.click();
  await expect(nameField).toHaveValue('沈建华');
  await expect(page.getByTestId('ocr-fill-notice')).toContainText('沈建华');

  // The queue view shows the batch read through.
  await page.keyboard.press('Escape');
  await page.getByTestId('ocr-queue-open').click();
  const queue = page.getByTestId('ocr-queue');
  await expect(queue.getByTestId('ocr-queue-row')).toHaveCount(1);
  await expect(queue.getByTestId('ocr-queue-progress')).toContainText('1/1');
  await expect(queue.getByTestId('ocr-queue-totals')).toContainText('已完成 1');
});
