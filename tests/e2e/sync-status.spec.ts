import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { AS_ADMIN, deskForEachTest } from '../helpers/serve-desk';

const SIZE = { width: 827, height: 1169, dpi: 100 };
const desk = deskForEachTest('sync-status.png');

/** The CLI beside the running app, on the same store (as the administrator's script would run it); its exit code. */
function cli(expected: number, ...args: string[]): void {
  const env = { ...process.env, ...AS_ADMIN };
  const r = spawnSync(process.execPath, ['bin/hpf-desk.mjs', ...args, '--data', desk.dataDir, '--json'], { encoding: 'utf8', env });
  expect(r.status, `hpf-desk ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(expected);
}

test('an archivist follows a batch to the USB disk in the sync view: waiting for the disk, paused, resumed, written', async ({ page }) => {
  const scan = path.join(desk.root, '申请表.jpg');
  await writeFile(scan, await syntheticJpeg(21, SIZE));
  cli(0, 'import', scan, '--batch', '网点 移交 001');
  cli(0, 'batch', 'close', '网点 移交 001', '--loose-reason', '整批移交');
  // The USB disk is not plugged in yet: the batch is packaged and waits for it.
  const usb = path.join(desk.root, 'usb');
  cli(1, 'sync', '--once', '--target', pathToFileURL(usb).href, '--save', 'U盘');

  await page.goto(desk.url);
  await page.getByTestId('sync-open').click();
  const panel = page.getByTestId('sync-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('sync-target')).toContainText('U盘');
  const row = panel.getByTestId('sync-row').filter({ hasText: '网点 移交 001' });
  await expect(row).toHaveAttribute('data-state', 'uploading');
  await expect(row.getByTestId('sync-error')).toContainText('未插入磁盘');

  await row.getByTestId('sync-pause').click();
  await expect(row).toHaveAttribute('data-paused', 'true');
  await expect(row).toContainText('已暂停');
  await row.getByTestId('sync-resume').click();
  await expect(row).toHaveAttribute('data-paused', 'false');

  await mkdir(usb);
  await panel.getByRole('button', { name: '立即同步' }).click();
  await expect(row).toHaveAttribute('data-state', 'uploaded');
  await expect(row).toContainText('已上传，等待中心确认');
  await expect(row.locator('progress')).toHaveAttribute('value', '100');

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});
