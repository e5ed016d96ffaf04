import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg, syntheticPdf, syntheticTiff } from '../../electron/core/bench/synthetic-pages';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const SIZE = { width: 827, height: 1169, dpi: 100 };
const desk = deskForEachTest('thumbnail-grid.png');

test('a clerk creates a batch, imports 3 files incl. a 2-page PDF and a corrupt file, sees 4 pages and one error, opens a page', async ({ page }) => {
  const files = {
    form: path.join(desk.root, '提取申请表（2页）.tif'),
    contract: path.join(desk.root, '购房合同.pdf'),
    corrupt: path.join(desk.root, '身份证（损坏）.jpg'),
  };
  await writeFile(files.form, await syntheticTiff([11, 14], SIZE));
  await writeFile(files.contract, await syntheticPdf([12, 13], SIZE));
  const idCard = await syntheticJpeg(15, SIZE);
  await writeFile(files.corrupt, idCard.subarray(0, Math.floor(idCard.length / 3)));

  await page.goto(desk.url);
  await expect(page.getByText('公积金档案工作站').first()).toBeVisible();

  await createBatch(page, '柜台 提取 001');

  await page.getByTestId('import-input').setInputFiles([files.form, files.contract, files.corrupt]);

  await expect(page.getByTestId('page-thumb')).toHaveCount(4);
  const errors = page.getByTestId('import-errors').locator('li');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText('身份证（损坏）.jpg');
  await expect(errors.first()).toContainText('不完整');
  // The decoder's own words are English: the Chinese screen leaves them out, the English one shows them.
  await expect(errors.first()).not.toContainText('truncated');
  await page.getByTestId('language-switch').click();
  await expect(errors.first().locator('.error-detail')).toContainText('JPEG file is truncated');
  await page.getByTestId('language-switch').click();
  await expect(errors.first()).toContainText('不完整');

  await page.getByTestId('page-thumb').nth(2).dblclick();
  const viewer = page.getByTestId('page-viewer');
  await expect(viewer).toBeVisible();
  const image = viewer.getByTestId('page-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(viewer).toContainText('购房合同.pdf');

  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
});
