import { expect, test } from '@playwright/test';
import { writeScans } from './backfile-setup';
import { layoutProblems } from './layout-check';
import { createBatch, deskForEachTest, E2E_ADMIN } from '../helpers/serve-desk';

test.use({ viewport: { width: 1366, height: 768 } });
const desk = deskForEachTest('layout-1366.png');

test('at 1366 × 768 the main screen, the item form (经办人 and 办理网点 filled in) and the viewer have no wrapped, cut or off-screen buttons and no tiny text', async ({ page }, info) => {
  const scans = await writeScans(desk.root, ['申请表.jpg', '身份证.jpg', '购房合同.jpg']);
  await page.goto(desk.url);
  const longName = '柜台 提取 张三丰 购买自住住房 2026年12月 第二窗口 下午批次';
  await createBatch(page, longName);
  await page.getByTestId('import-input').setInputFiles(scans);
  await expect(page.getByTestId('page-thumb')).toHaveCount(3);
  await page.getByTestId('page-thumb').first().click();

  // A long batch name is cut with its full name on hover, not wrapped.
  const item = page.getByTestId('batch-item').filter({ hasText: '柜台 提取' });
  await expect.soft(item).toHaveAttribute('title', new RegExp(longName));
  await page.screenshot({ path: info.outputPath('main-1366.png') });
  expect.soft(await layoutProblems(page.locator('.app'))).toEqual([]);

  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('item-form');
  await expect(form).toBeVisible();
  // Who serves, and where, are filled in already.
  await expect(form.getByTestId('field-经办人')).toHaveValue(E2E_ADMIN.name);
  await expect(form.getByTestId('field-办理网点')).not.toHaveValue('');
  await page.screenshot({ path: info.outputPath('item-form-1366.png') });
  expect.soft(await layoutProblems(form)).toEqual([]);
  // The submit button is in view without scrolling.
  await expect(form.getByTestId('item-create')).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Escape');

  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('page-viewer');
  await expect(viewer.getByTestId('page-image')).toBeVisible();
  await page.screenshot({ path: info.outputPath('viewer-1366.png') });
  expect.soft(await layoutProblems(viewer)).toEqual([]);
  // The page gets most of the width.
  const stage = await viewer.locator('.viewer-stage').boundingBox();
  expect(stage!.width / 1366).toBeGreaterThan(0.6);
});
