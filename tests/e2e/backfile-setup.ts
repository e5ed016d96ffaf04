import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { json, runCli } from '../helpers/run-cli';
import { AS_ADMIN, type RunningDesk } from '../helpers/serve-desk';

const SIZE = { width: 620, height: 877, dpi: 75 };

/** Real scans (small synthetic JPEGs, each different) written into `dir` under the given names. */
export async function writeScans(dir: string, names: readonly string[], seedBase = 100): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    names.map(async (name, i) => {
      const file = path.join(dir, name);
      await writeFile(file, await syntheticJpeg(seedBase + i, SIZE));
      return file;
    }),
  );
}

/** `hpf-desk … --json` on the running desk's store (read-only uses: list, show, qc rescans). */
export async function deskCli<T>(desk: RunningDesk, args: readonly string[]): Promise<T> {
  const run = await runCli([...args, '--data', desk.dataDir, '--json'], { env: AS_ADMIN });
  if (run.code !== 0) throw new Error(`hpf-desk ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return json<T>(run);
}

/**
 * Open the app, start a batch by keyboard and import `files` into it through the page, as the
 * archivist does (the CLI is only used to read: writing beside the running app could race it).
 */
export async function newBatchWith(page: Page, desk: RunningDesk, name: string, files: readonly string[]): Promise<void> {
  await page.goto(desk.url);
  await expect(page.getByText('公积金档案工作站').first()).toBeVisible();
  await page.keyboard.press('n');
  await page.getByTestId('new-batch-name').fill(name);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-item').filter({ hasText: name })).toHaveAttribute('aria-current', 'true');
  if (files.length > 0) {
    await page.getByTestId('import-input').setInputFiles([...files]);
    // Every page goes through the real image pipeline; a shared build machine can take a while.
    await expect(page.getByTestId('page-thumb')).toHaveCount(files.length, { timeout: 90_000 });
  }
}
