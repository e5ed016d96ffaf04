import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { saneTestConfig } from '../helpers/sane-test-backend';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

let tools: string;
const savedConfig = process.env.SANE_CONFIG_DIR;

test.beforeAll(async () => {
  tools = await mkdtemp(path.join(os.tmpdir(), 'hpf-e2e-sane-'));
  // The served core inherits this: scanimage finds SANE's test backend.
  process.env.SANE_CONFIG_DIR = await saneTestConfig(tools);
});
test.afterAll(async () => {
  if (savedConfig === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = savedConfig;
  await rm(tools, { recursive: true, force: true });
});
const desk = deskForEachTest('scan.png');

test('a clerk sets up a feeder profile, picks it with its key and scans: pages stream in, repeats flagged', async ({ page }) => {
  await page.goto(desk.url);
  await createBatch(page, '存量 扫描 001');

  await page.keyboard.press('p');
  const form = page.getByTestId('profile-form');
  await form.getByTestId('profile-name').fill('进纸器 150');
  await form.getByTestId('profile-device').fill('sane:test');
  await form.getByTestId('profile-source').selectOption('adf');
  await form.getByTestId('profile-dpi').selectOption('150');
  await form.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-chip')).toHaveText(['1 进纸器 150']);
  await form.getByTestId('profile-new').click();
  await form.getByTestId('profile-name').fill('不存在的扫描仪');
  await form.getByTestId('profile-device').fill('sane:nosuch');
  await form.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-chip')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  await page.keyboard.press('1');
  await page.keyboard.press('s');
  const status = page.getByTestId('scan-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toContainText('扫描完成：保存 10 页');
  await expect(page.getByTestId('page-thumb')).toHaveCount(10);

  await page.getByTestId('page-thumb').nth(1).dblclick();
  const viewer = page.getByTestId('page-viewer');
  await expect(viewer).toContainText('重复页');
  await expect(viewer).toContainText('纠偏检查');
  await page.keyboard.press('Escape');

  // A scanner that is not there: a clear message, nothing stored, the batch unchanged.
  await page.keyboard.press('2');
  await page.keyboard.press('s');
  await expect(status).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('scan-error')).toContainText('找不到扫描仪');
  await expect(page.getByTestId('page-thumb')).toHaveCount(10);
});
