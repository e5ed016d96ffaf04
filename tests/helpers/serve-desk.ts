import { expect, test, type Page } from '@playwright/test';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface RunningDesk {
  readonly url: string;
  readonly dataDir: string;
  readonly root: string;
  stop(): Promise<void>;
}

/** The administrator every test station is set up with (`hpf-desk init --admin`). */
export const E2E_ADMIN = { name: 'e2e-admin', password: 'e2e-pass-2468' } as const;

/** The environment that makes `hpf-desk` beside the running desk act as that administrator. */
export const AS_ADMIN = { HPF_DESK_USER: E2E_ADMIN.name, HPF_DESK_PASSWORD: E2E_ADMIN.password } as const;

export interface ServeOptions {
  /** Open the printed link signed in as the administrator (default), or at the sign-in screen. */
  readonly signedIn?: boolean;
  /** Run on the fresh store (as the administrator) before the desk starts, e.g. to add users or records. */
  readonly prepare?: (cli: (args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<string>, root: string) => Promise<void>;
  readonly env?: NodeJS.ProcessEnv;
  /** A station nobody has set up: no administrator yet, so the first sign-in at the desk creates one. */
  readonly withoutUsers?: boolean;
}

/**
 * Start `hpf-desk serve` on a fresh store with an administrator created explicitly, as a station
 * is set up, and wait for the URL it prints (its ready milestone) — never a fixed sleep. The link
 * signs the browser in as that administrator (`serve --user`), unless `signedIn: false`.
 */
export async function serveDesk(options: ServeOptions = {}): Promise<RunningDesk> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-e2e-'));
  const dataDir = path.join(root, 'data');
  const cli = async (args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
    (await promisify(execFile)(process.execPath, ['bin/hpf-desk.mjs', ...args, '--data', dataDir], { env: { ...process.env, ...AS_ADMIN, ...env } })).stdout;
  if (!options.withoutUsers) await cli(['init', '--admin', E2E_ADMIN.name], { HPF_DESK_NEW_PASSWORD: E2E_ADMIN.password });
  await options.prepare?.(cli, root);
  const signedIn = !options.withoutUsers && (options.signedIn ?? true);
  const child: ChildProcess = spawn(process.execPath, ['bin/hpf-desk.mjs', 'serve', '--data', dataDir, '--json', ...(signedIn ? ['--user', E2E_ADMIN.name] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, ...(signedIn ? { HPF_DESK_PASSWORD: E2E_ADMIN.password } : {}) },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // What the desk said before it died is the first thing to read when a test fails.
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`hpf-desk serve exited (${signal ?? code}):\n${stderr}\n`);
  });
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
      // A desk that already died (the failure a test is reporting) must not hang the teardown.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        // One that ignores SIGTERM is a bug to see in the log, not a reason to hang the run.
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh served desk for every test of the file (started with `options`), stopped after it. With
 * `screenshot`, a test that failed leaves a full-page screenshot of that name first. The returned
 * desk reads through to the one the running test has.
 */
export function deskForEachTest(screenshot?: string, options: ServeOptions = {}): RunningDesk {
  let running: RunningDesk | undefined;
  const current = (): RunningDesk => {
    if (!running) throw new Error('the desk runs only while a test does');
    return running;
  };
  test.beforeEach(async () => {
    running = await serveDesk(options);
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

/**
 * Call the bridge from inside the page, as the page itself does: with its cookies and its page
 * key (renderer/src/api/page-keys.ts keeps it in the tab's sessionStorage).
 */
export async function callAsPage(page: Page, method: string, request: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([m, body]) => {
      const keys = JSON.parse(sessionStorage.getItem('hpf-desk.page-keys') ?? '{}') as { pageKey?: string };
      const response = await fetch(`/api/call/${m}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hpf-page': keys.pageKey ?? '' }, body: JSON.stringify(body) });
      return response.json();
    },
    [method, request] as const,
  );
}
