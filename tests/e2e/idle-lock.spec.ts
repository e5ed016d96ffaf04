import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { callAsPage, deskForEachTest, E2E_ADMIN } from '../helpers/serve-desk';

const BATCH = '柜台 锁屏';
const desk = deskForEachTest('idle-lock.png', {
  env: { HPF_DESK_BACKGROUND_OCR: 'off' },
  // A short idle time, set the way a station sets it; one scanned page is on file.
  prepare: async (cli, root) => {
    const scan = path.join(root, '申请表.jpg');
    await writeFile(scan, await syntheticJpeg(41, { width: 620, height: 877, dpi: 75 }));
    await cli(['user', 'idle-lock', '8s']);
    await cli(['import', scan, '--batch', BATCH]);
  },
});

test('left alone, the desk locks behind a PIN prompt and comes back as it was: open form, typed fields, focus, page images', async ({ page }) => {
  await page.goto(desk.url);
  await page.getByTestId('batch-item').filter({ hasText: BATCH }).click();
  await expect(page.getByTestId('batch-title')).toHaveText(BATCH);
  const thumb = page.getByTestId('page-thumb').locator('img');
  await expect(thumb).toHaveJSProperty('complete', true);
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // Half-way through a form: the business picked, two fields typed, nothing saved.
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('item-form');
  await form.getByTestId('field-姓名').fill('张三');
  await form.getByTestId('field-证件号码').fill('11010119900307');

  // Nobody touches the desk: it locks by itself.
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(lock).toContainText(E2E_ADMIN.name);
  await expect(page.getByTestId('unlock-password')).toBeFocused();
  // The work stays behind it, out of reach; the core refuses the page's calls meanwhile.
  await expect(form).toHaveCount(1);
  expect(await callAsPage(page, 'batches.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  await page.keyboard.press('n');
  await expect(page.getByTestId('new-batch-name')).toHaveCount(0);

  await page.getByTestId('unlock-password').fill('wrong-pin-000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('unlock-error')).toContainText('用户名或密码错误');
  await expect(lock).toBeVisible();

  await page.getByTestId('unlock-password').fill(E2E_ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();
  // As it was: the form open with what was typed, the cursor where it was, the image shown.
  await expect(form.getByTestId('field-姓名')).toHaveValue('张三');
  await expect(form.getByTestId('field-证件号码')).toHaveValue('11010119900307');
  await expect(form.getByTestId('field-证件号码')).toBeFocused();
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await page.keyboard.type('4573');
  await expect(form.getByTestId('field-证件号码')).toHaveValue('110101199003074573');
  expect(await callAsPage(page, 'batches.list', {})).toMatchObject({ ok: true });
});
