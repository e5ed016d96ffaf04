import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('move-dialog-layout.png');

test('the move dialog keeps its button clear of its list at 1366×768, however many documents there are', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const files: string[] = [];
  for (let seed = 41; seed < 41 + 14; seed++) {
    const file = path.join(desk.root, `一份很长的文件名称用来测试换行-第${seed}页.jpg`);
    await writeFile(file, await syntheticJpeg(seed, { width: 310, height: 438, dpi: 38 }));
    files.push(file);
  }
  await page.goto(desk.url);
  await createBatch(page, '柜台 移动');
  await page.getByTestId('import-input').setInputFiles(files);
  await expect(page.getByTestId('page-thumb')).toHaveCount(14);
  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press('m');
  const dialog = page.getByTestId('move-page-dialog');
  await expect(dialog.getByTestId('move-target')).toHaveCount(13);
  const list = dialog.getByRole('listbox');
  const button = dialog.locator('.modal-actions button');
  const [l, b, d] = [await list.boundingBox(), await button.boundingBox(), await dialog.boundingBox()];
  // The button stands below the list (its highlight outline included), inside the dialog, on screen.
  expect(b!.y).toBeGreaterThanOrEqual(l!.y + l!.height + 2);
  expect(b!.y + b!.height).toBeLessThanOrEqual(d!.y + d!.height);
  expect(d!.y + d!.height).toBeLessThanOrEqual(768);
  // The last target can be highlighted and is then visible, not under the button.
  await list.press('End');
  const last = dialog.getByTestId('move-target').last();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport();
  const lb = await last.boundingBox();
  expect(lb!.y + lb!.height).toBeLessThanOrEqual(b!.y);
});
