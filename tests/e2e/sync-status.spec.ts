import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { writeNewKeyFile } from '../../electron/core/central/centre-keys';
import { AS_ADMIN, deskForEachTest } from '../helpers/serve-desk';

const SIZE = { width: 827, height: 1169, dpi: 100 };
const desk = deskForEachTest('sync-status.png');

/** `hpf-desk` with its exit code checked; its JSON answer. */
function run<T>(expected: number, args: readonly string[], env: NodeJS.ProcessEnv = {}): T {
  const r = spawnSync(process.execPath, ['bin/hpf-desk.mjs', ...args, '--json'], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.status, `hpf-desk ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(expected);
  return JSON.parse(r.stdout) as T;
}

/** The CLI beside the running app, on the same store (as the administrator's script would run it). */
const cli = <T = unknown>(expected: number, ...args: string[]): T => run<T>(expected, [...args, '--data', desk.dataDir], AS_ADMIN);

/** The centre's reference receiver, on its own server: its key and catalogue, nothing of the station's. */
const centre = <T = unknown>(...args: string[]): T => {
  const home = path.join(desk.root, 'centre');
  return run<T>(0, ['central', ...args, '--key', path.join(home, 'key.json'), '--catalogue', path.join(home, 'catalogue.sqlite'), '--data', home]);
};

test('an archivist follows a batch to the USB disk in the sync view: waiting for the disk, paused, resumed, written, and acknowledged by the centre\'s receiver when the disk comes back', async ({ page }) => {
  // Six CLI runs beside the desk (station and centre): each starts a Node process, slow on a loaded machine.
  test.setTimeout(180_000);
  const usb = path.join(desk.root, 'usb');
  // Set-up: the centre has its key (as `central keygen` writes it) and gives this station a provisioning file; the station takes it.
  await mkdir(path.join(desk.root, 'centre'));
  const { publicKey } = await writeNewKeyFile(path.join(desk.root, 'centre', 'key.json'), 'ed25519');
  const { station } = cli<{ station: { id: string; name: string; fonds: string } }>(0, 'init');
  const provisioning = path.join(desk.root, 'provisioning.json');
  await writeFile(provisioning, JSON.stringify({
    format: 'hpf-desk/provisioning', version: 1,
    centre: { name: '市档案馆', algorithm: 'ed25519', publicKey },
    station: { id: station.id, name: station.name, fonds: station.fonds },
    target: { uri: pathToFileURL(usb).href },
  }));
  cli(0, 'init', '--provision', provisioning);

  const scan = path.join(desk.root, '申请表.jpg');
  await writeFile(scan, await syntheticJpeg(21, SIZE));
  cli(0, 'import', scan, '--batch', '网点 移交 001');
  cli(0, 'batch', 'close', '网点 移交 001', '--loose-reason', '整批移交');
  // The USB disk is not plugged in yet: the batch is packaged and waits for it.
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

  // The disk goes to the centre: the receiver checks the bag and writes its signed acknowledgement onto the disk.
  expect(centre('receive', '--folder', usb)).toMatchObject({ acknowledged: 1, accepted: 1, rejected: 0, failed: 0 });
  // Back at the branch, the next sync takes it.
  await panel.getByRole('button', { name: '立即同步' }).click();
  await expect(row).toHaveAttribute('data-state', 'acknowledged');
  await expect(row).toContainText('中心已确认接收');

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});
