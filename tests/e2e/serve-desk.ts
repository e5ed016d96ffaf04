import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface RunningDesk {
  readonly url: string;
  readonly dataDir: string;
  readonly root: string;
  stop(): Promise<void>;
}

/**
 * Start `hpf-desk serve` on a fresh store, as a clerk's station would run it, and wait for the
 * URL it prints (its ready milestone) — never a fixed sleep.
 */
export async function serveDesk(): Promise<RunningDesk> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-e2e-'));
  const dataDir = path.join(root, 'data');
  const child: ChildProcess = spawn(process.execPath, ['bin/hpf-desk.mjs', 'serve', '--data', dataDir, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        // the JSON document is not complete yet
      }
    });
    child.once('exit', (code) => reject(new Error(`hpf-desk serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    root,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh served desk for every test of the file, stopped after it. With `screenshot`, a test
 * that failed leaves a full-page screenshot of that name first. The returned desk reads through
 * to the one the running test has.
 */
export function deskForEachTest(screenshot?: string): RunningDesk {
  let running: RunningDesk | undefined;
  const current = (): RunningDesk => {
    if (!running) throw new Error('the desk runs only while a test does');
    return running;
  };
  test.beforeEach(async () => {
    running = await serveDesk();
  });
  if (screenshot) {
    test.afterEach(async ({ page }, info) => {
      if (info.status !== info.expectedStatus) await page.screenshot({ path: info.outputPath(screenshot), fullPage: true });
      await current().stop();
    });
  } else {
    test.afterEach(async () => current().stop());
  }
  return {
    get url() {
      return current().url;
    },
    get dataDir() {
      return current().dataDir;
    },
    get root() {
      return current().root;
    },
    stop: () => current().stop(),
  };
}

/** Create a batch the clerk's way: N, type its name, Enter; it opens. */
export async function createBatch(page: Page, name: string): Promise<void> {
  await page.keyboard.press('n');
  await page.getByTestId('new-batch-name').fill(name);
  await page.getByTestId('new-batch-name').press('Enter');
  await expect(page.getByTestId('batch-title')).toHaveText(name);
}
