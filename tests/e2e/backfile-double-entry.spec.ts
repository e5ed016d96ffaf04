import { expect, test } from '@playwright/test';
import path from 'node:path';
import { deskCli, newBatchWith, writeScans } from './backfile-setup';
import { deskForEachTest, E2E_ADMIN } from '../helpers/serve-desk';

// Whole back-office flows with real imports and OCR running behind them: longer than one screen's test.
test.setTimeout(180_000);

/** The second keyer: another user, who signs in on the same station to key pass 2. */
const SECOND = { name: '刘洋', password: 'liu-yang-2468' };

const desk = deskForEachTest('backfile-double-entry.png', {
  prepare: async (cli) => {
    await cli(['user', 'add', SECOND.name, '--role', 'archivist'], { HPF_DESK_NEW_PASSWORD: SECOND.password });
  },
});

test('two signed-in keyers key an item blind on one station, then the difference is resolved side by side', async ({ page }) => {
  const scans = await writeScans(path.join(desk.root, 'scans'), ['王五提取申请表.jpg']);
  await newBatchWith(page, desk, '存量 双录', scans);
  // An item to key: 提取 · 离退休, with its application form assigned (B, pick, Enter; A, 1).
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('离退休');
  await page.keyboard.press('Enter');
  await page.getByTestId('field-办理日期').fill('2003-07-08');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-form')).toBeHidden();
  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press('a');
  await page.keyboard.press('1');
  await expect(page.getByTestId('checklist').locator('[data-material="TQSQB"]')).toHaveAttribute('data-state', 'present');
  const item = (await deskCli<Array<{ id: string }>>(desk, ['list', 'items', '--batch', '存量 双录']))[0]!.id;

  await page.keyboard.press('v');
  const dialog = page.getByTestId('double-entry-dialog');
  await expect(dialog.getByTestId('entry-item')).toHaveCount(1);
  await expect(dialog.locator('.backfile-page img')).toBeVisible();

  // Pass 1, keyed from the paper by the signed-in administrator.
  await expect(dialog.getByTestId('keyer')).toContainText(E2E_ADMIN.name);
  await expect(dialog.getByTestId('keying-form')).toHaveAttribute('data-pass', '1');
  await dialog.getByTestId('key-姓名').fill('王五');
  await dialog.getByTestId('key-金额').fill('8000');
  await dialog.getByTestId('key-金额').press('Enter');
  await expect(dialog.getByTestId('keying-saved')).toContainText('第 1 遍已保存');

  // The same user cannot key the other pass.
  await expect(dialog.getByTestId('keying-form')).toHaveAttribute('data-pass', '2');
  await dialog.getByTestId('key-姓名').fill('王五');
  await dialog.getByTestId('key-姓名').press('Enter');
  // In the clerk's language only (zh-CN here), the core's own words.
  await expect(dialog).toContainText('两遍录入须由不同的人完成');

  // 刘洋 signs in (U) and keys pass 2: an empty form, and nothing of pass 1 anywhere on screen.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('u');
  const signIn = page.getByTestId('sign-in-dialog');
  await expect(signIn).toBeVisible();
  await page.keyboard.type(SECOND.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(SECOND.password);
  await page.keyboard.press('Enter');
  await expect(signIn).toBeHidden();
  await page.keyboard.press('v');
  await expect(dialog.getByTestId('keyer')).toContainText(SECOND.name);
  await expect(dialog.getByTestId('keying-form')).toHaveAttribute('data-pass', '2');
  await expect(dialog.getByTestId('key-姓名')).toHaveValue('');
  await expect(dialog.getByTestId('key-金额')).toHaveValue('');
  await expect(dialog).not.toContainText('王五');
  await dialog.getByTestId('key-姓名').fill('王伍');
  await dialog.getByTestId('key-金额').fill('8000.00');
  await dialog.getByTestId('key-金额').press('Enter');

  // Both in: the difference side by side, the agreed amount listed apart.
  const resolution = dialog.getByTestId('keying-resolution');
  await expect(resolution).toContainText('两遍有 1 处不一致');
  const row = resolution.getByTestId('difference');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-field', '姓名');
  await expect(row.getByTestId('take-first')).toHaveText('王五');
  await expect(row.getByTestId('take-second')).toHaveText('王伍');
  await expect(resolution.getByTestId('agreed')).toContainText('8000.00');
  await expect(resolution).toContainText(`第一遍（${E2E_ADMIN.name}）`);
  await expect(resolution).toContainText('第二遍（刘洋）');

  // The checker (either keyer may be it) takes the first pass's value with Alt+1 and resolves with Enter.
  await resolution.getByTestId('resolve-姓名').focus();
  await page.keyboard.press('Alt+1');
  await expect(resolution.getByTestId('resolve-姓名')).toHaveValue('王五');
  await page.keyboard.press('Enter');
  await expect(resolution).toContainText('已核对定稿');

  // The resolution is the item's next metadata version.
  const shown = await deskCli<{ version: number; fields: Record<string, string> }>(desk, ['show', item]);
  expect(shown).toMatchObject({ version: 2, fields: { 姓名: '王五', 金额: '8000.00' } });
});
