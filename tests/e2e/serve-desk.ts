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
