import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { AS_ADMIN, deskForEachTest } from '../helpers/serve-desk';
import { storeBlobs } from '../helpers/store-db';

const SIZE = { width: 827, height: 1169, dpi: 100 };
const desk = deskForEachTest('close-batch.png');

/** The CLI beside the running app, on the same store; its JSON output. */
function cli(...args: string[]): unknown {
  const r = spawnSync(process.execPath, ['bin/hpf-desk.mjs', ...args, '--data', desk.dataDir, '--json'], { encoding: 'utf8', env: { ...process.env, ...AS_ADMIN } });
  expect(r.status, `hpf-desk ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
}

async function importBatch(name: string, seed: number): Promise<void> {
  const scan = path.join(desk.root, `申请表-${seed}.jpg`);
  await writeFile(scan, await syntheticJpeg(seed, SIZE));
  cli('import', scan, '--batch', name);
}

async function openBatch(page: Page, name: string): Promise<void> {
  await page.goto(desk.url);
  await page.getByTestId('batch-item').filter({ hasText: name }).click();
  await expect(page.getByTestId('batch-title')).toHaveText(name);
  await expect(page.getByTestId('page-thumb')).toHaveCount(1);
}

test('W closes a batch after the four checks pass; Y shows it queued with its report; the settings send it to the USB disk', async ({ page }) => {
  await importBatch('存量 第7盒', 31);
  await openBatch(page, '存量 第7盒');

  await page.keyboard.press('w');
  const dialog = page.getByTestId('close-batch-dialog');
  await expect(dialog).toContainText('四性检测');
  await page.keyboard.press('Enter');
  // A backfile box whose page is sorted into no item goes only by a recorded decision.
  await expect(dialog.getByTestId('close-batch-loose')).toContainText('第 1 页还不属于任何件');
  await dialog.getByTestId('close-batch-loose-reason').fill('整盒按原样移交');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('close-batch-outcome')).toHaveText('四性检测通过，批次已关闭并排队移交。');
  const rows = dialog.getByTestId('check-row');
  // Eleven checks and the SM3 fixity of every object (GB/T 32905).
  await expect(rows).toHaveCount(12);
  await expect(dialog.locator('[data-testid="check-row"][data-ok="false"]')).toHaveCount(0);
  await expect(rows.filter({ hasText: '真实性' }).first()).toContainText('通过');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('close-batch-button')).toBeDisabled();
  await expect(page.getByTestId('batch-item').filter({ hasText: '存量 第7盒' })).toContainText('已关闭');

  await page.keyboard.press('y');
  const panel = page.getByTestId('sync-panel');
  const row = panel.getByTestId('sync-row').filter({ hasText: '存量 第7盒' });
  await expect(row).toHaveAttribute('data-state', 'queued');
  await row.getByTestId('sync-report').click();
  await expect(panel.getByTestId('checks-report')).toHaveAttribute('data-ok', 'true');
  await panel.getByRole('button', { name: '返回队列' }).click();

  // S in the sync view: the administrator's settings. An S3 target shows where its keys come from.
  await page.keyboard.press('s');
  const settings = page.getByTestId('sync-settings');
  await expect(settings.getByTestId('settings-reference')).toContainText('尚未收到中心参考数据');
  await settings.getByTestId('settings-uri').fill('s3://central-archive/branch-07');
  await expect(settings.getByTestId('settings-keys')).toContainText('环境变量 AWS_ACCESS_KEY_ID');
  await expect(settings.getByTestId('settings-accessKeyId')).toHaveCount(0);
  const usb = path.join(desk.root, 'usb');
  await mkdir(usb);
  await settings.getByTestId('settings-name').fill('U盘');
  await settings.getByTestId('settings-uri').fill(pathToFileURL(usb).href);
  await settings.getByTestId('settings-bandwidthMb').fill('2');
  await settings.getByTestId('settings-retainDays').fill('30');
  await settings.getByTestId('settings-retainDays').press('Enter');
  await expect(settings.getByTestId('settings-saved')).toBeVisible();

  await page.keyboard.press('Escape');
  await page.keyboard.press('y');
  await expect(panel.getByTestId('sync-target')).toContainText('U盘');
  await expect(panel.getByTestId('sync-target')).toContainText('限速 2.0 MB/秒');
  await expect(row).toHaveAttribute('data-state', 'uploaded');
});

test('a batch whose stored original was altered fails the checks, stays open, and its report stays viewable in the sync view', async ({ page }) => {
  await importBatch('柜台 提取 李四', 32);
  const [pageRecord] = cli('list', 'pages', '--batch', '柜台 提取 李四') as Array<{ source: { sha256: string } }>;
  const sha256 = pageRecord!.source.sha256;
  const object = (await storeBlobs(desk.dataDir)).pathOf(sha256);
  const bytes = await readFile(object);
  bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
  await writeFile(object, bytes);
  await openBatch(page, '柜台 提取 李四');

  await page.getByTestId('close-batch-button').click();
  const dialog = page.getByTestId('close-batch-dialog');
  await dialog.getByTestId('close-batch-start').click();
  await dialog.getByTestId('close-batch-loose-reason').fill('整批移交');
  await dialog.getByTestId('close-batch-loose-submit').click();
  await expect(dialog.getByTestId('close-batch-outcome')).toContainText('四性检测未通过');
  const failed = dialog.locator('[data-check="authenticity.content-hash"]');
  await expect(failed).toHaveAttribute('data-ok', 'false');
  await expect(failed).toContainText('未通过');
  await expect(failed).toContainText('申请表-32.jpg');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('close-batch-button')).toBeEnabled();

  await page.keyboard.press('y');
  const row = page.getByTestId('sync-row').filter({ hasText: '柜台 提取 李四' });
  await expect(row).toHaveAttribute('data-state', 'failed');
  await row.getByTestId('sync-report').click();
  const report = page.getByTestId('checks-report');
  await expect(report).toHaveAttribute('data-ok', 'false');
  await expect(report.locator('[data-check="authenticity.content-hash"]')).toContainText('申请表-32.jpg');
});
