import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { json, runCli } from '../helpers/run-cli';
import type { RunningDesk } from './serve-desk';

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

/** `hpf-desk … --json` on the running desk's store, as an archivist scripting beside the app would. */
export async function deskCli<T>(desk: RunningDesk, args: readonly string[]): Promise<T> {
  const run = await runCli([...args, '--data', desk.dataDir, '--json']);
  if (run.code !== 0) throw new Error(`hpf-desk ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return json<T>(run);
}

/** Open the app and the named batch in it. */
export async function openBatch(page: Page, desk: RunningDesk, name: string): Promise<void> {
  await page.goto(desk.url);
  const batch = page.getByTestId('batch-item').filter({ hasText: name });
  await batch.click();
  await expect(batch).toHaveAttribute('aria-current', 'true');
}
