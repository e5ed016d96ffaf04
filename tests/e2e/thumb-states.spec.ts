import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { writeScans } from './backfile-setup';
import { keyWithdrawalItem } from './counter-steps';
import { layoutProblems } from './layout-check';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

test.use({ viewport: { width: 1366, height: 768 } });
const desk = deskForEachTest('thumb-states.png');

test('the thumbnails tell material, item, filed with its 件号, OCR state and flags beside the image; edit keys on a filed page say why and change nothing', async ({ page }, info) => {
  test.setTimeout(180_000);
  const scans = await writeScans(desk.root, ['申请表.jpg', '身份证.jpg']);
  // A blank back side, as a duplex scanner delivers it.
  const blank = path.join(desk.root, '背面.jpg');
  await writeFile(blank, await sharp({ create: { width: 620, height: 877, channels: 3, background: '#ffffff' } }).jpeg().withMetadata({ density: 75 }).toBuffer());
  await page.goto(desk.url);
  await createBatch(page, '柜台 缩略图');
  await page.getByTestId('import-input').setInputFiles([...scans, blank]);
  const thumbs = page.getByTestId('page-thumb');
  await expect(thumbs).toHaveCount(3);
  const thumb = (i: number) => thumbs.nth(i);

  // Imported: every page loose, its flags and OCR state in words.
  for (let i = 0; i < 3; i++) await expect(thumb(i).getByTestId('thumb-material')).toHaveText('未分配');
  await expect(thumb(2).locator('[data-flag="blank"]')).toHaveText('空白页');
  await expect(thumb(0).locator('[data-flag="blank"]')).toHaveCount(0);
  await expect(thumb(0).getByTestId('ocr-badge')).toHaveAttribute('data-ocr', /^(queued|running|done)$/);

  // The badges sit below the image, never over it, and are 13 px or more.
  const frame = await thumb(0).locator('.thumb-frame').boundingBox();
  const badges = thumb(0).locator('.thumb-caption span');
  for (const box of await badges.evaluateAll((spans) => spans.map((s) => ({ top: s.getBoundingClientRect().top, size: parseFloat(getComputedStyle(s).fontSize) })))) {
    expect(box.top).toBeGreaterThanOrEqual(frame!.y + frame!.height);
    expect(box.size).toBeGreaterThanOrEqual(13);
  }

  // A business, then the application and the ID card sorted by A: material and item on each.
  await thumb(0).click();
  await page.keyboard.press('b');
  await keyWithdrawalItem(page);
  await thumb(0).click();
  for (const key of ['1', '2']) {
    await page.keyboard.press('a');
    await page.keyboard.press(key);
    await expect(page.getByTestId('material-picker')).toBeHidden();
  }
  await expect(thumb(0).getByTestId('thumb-material')).toHaveText('提取申请表');
  await expect(thumb(1).getByTestId('thumb-material')).toHaveText('身份证');
  await expect(thumb(0).getByTestId('thumb-item')).toHaveText('第 1 件');
  await expect(thumb(0).getByTestId('thumb-filed')).toHaveText('未归档');
  await expect(thumb(2).getByTestId('thumb-material')).toHaveText('未分配');

  // Filed with the bank card still to come (容缺): the 件号 of the 档号 shows on its pages.
  await page.keyboard.press('f');
  await page.getByTestId('file-reason').fill('客户下周补交');
  await page.keyboard.press('Enter');
  const code = page.getByTestId('archival-code');
  await expect(code).toHaveText(/^J001-GJJ·\d{4}-D30-TQ-0001$/);
  const archivalCode = (await code.textContent())!;
  for (const i of [0, 1]) {
    await expect(thumb(i).getByTestId('thumb-filed')).toHaveAttribute('data-filed', 'true');
    await expect(thumb(i).getByTestId('thumb-filed')).toHaveText('已归档 1号');
    await expect(thumb(i).getByTestId('thumb-filed')).toHaveAttribute('title', new RegExp(archivalCode.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
  await expect(thumb(2).getByTestId('thumb-filed')).toHaveCount(0);

  // On a filed page the edit buttons are off with one line saying why; the keys say it too and change nothing.
  const pageId = await thumb(1).getAttribute('data-page-id');
  const image = await thumb(1).getAttribute('data-image');
  const order = () => thumbs.evaluateAll((cells) => cells.map((c) => `${c.getAttribute('data-page-id')}:${c.getAttribute('data-document')}`));
  const before = await order();
  await thumb(1).click();
  const bar = page.getByTestId('page-edit-bar');
  await expect(bar.getByTestId('page-edit-locked')).toContainText('已归档');
  await expect(bar.locator('[data-edit="rotate-clockwise"]')).toBeDisabled();
  await expect(bar.locator('[data-edit="open-trash"]')).toBeEnabled();
  await page.screenshot({ path: info.outputPath('thumb-states-1366.png') });
  expect.soft(await layoutProblems(page.locator('.app'))).toEqual([]);
  const notice = page.getByTestId('notice');
  for (const key of [']', 'e', 'g', 'Alt+ArrowLeft']) {
    await page.keyboard.press(key);
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText(`第 2 页已归档（档号 ${archivalCode}）`);
    await expect(notice).not.toContainText(pageId!);
  }
  await page.keyboard.press('d');
  await expect(page.getByTestId('trash-page-dialog')).toHaveCount(0);
  await page.keyboard.press('m');
  await expect(page.getByTestId('move-page-dialog')).toHaveCount(0);

  // The loose blank page cannot be merged into the filed document before it either.
  await thumb(2).click();
  await expect(bar.getByTestId('page-edit-locked')).toHaveCount(0);
  await page.keyboard.press('g');
  await expect(notice).toContainText(`前一份文件已归档（档号 ${archivalCode}）`);

  expect(await order()).toEqual(before);
  expect(await thumb(1).getAttribute('data-image')).toBe(image);
});
