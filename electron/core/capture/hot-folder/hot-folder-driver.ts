import { mkdir, open, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { DeviceCapabilities, DeviceInfo } from '../../../../shared/contract';
import { ScanFault, type CapturedPage, type DeviceScanOptions, type ScanDriver } from '../scan-driver';

export interface HotFolderTiming {
  /** A file counts as complete when its size and time stay the same this long. */
  readonly stableMs: number;
  readonly pollMs: number;
}

export const HOT_FOLDER_TIMING: HotFolderTiming = { stableMs: 2000, pollMs: 500 };

/** Where taken files go, inside the watched folder (subfolders are never taken themselves). */
export const STORED_DIR = '已入库 stored';
export const REJECTED_DIR = '未入库 rejected';

/** Names vendor software uses while a file is still being written. */
const PARTIAL = /^(\.|~\$)|\.(tmp|part|partial|crdownload|filepart)$/i;

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

/**
 * A watched folder for TWAIN/WIA vendor software on Windows, which saves scans there. Polling,
 * not change notifications: those miss events on network shares, where such folders often are.
 * A file is taken only once complete: same size and time for `stableMs`, and (on Windows, where
 * the writer's share mode shows it) not locked. It is moved out only after it is in the store.
 */
export class HotFolderDriver implements ScanDriver {
  constructor(
    private readonly timing: HotFolderTiming = HOT_FOLDER_TIMING,
    /** Keep watching until cancelled (the app), or stop once the folder is empty (the CLI). */
    private readonly watch = true,
    /** Called after every look at the folder with the files not yet complete (for tests and the UI). */
    private readonly onPoll?: (waiting: readonly string[]) => void,
  ) {}

  async listDevices(): Promise<DeviceInfo[]> {
    return [];
  }

  async capabilities(dir: string): Promise<DeviceCapabilities> {
    await this.checkFolder(dir);
    return { uri: `hotfolder:${dir}`, sources: ['flatbed'], resolutions: [], modes: ['color', 'gray', 'bw'] };
  }

  async *scan(dir: string, _options: DeviceScanOptions, signal: AbortSignal): AsyncIterable<CapturedPage> {
    await this.checkFolder(dir);
    const seen = new Map<string, Seen>();
    const taken = new Set<string>();
    for (;;) {
      if (signal.aborted) return;
      const waiting: string[] = [];
      const ready: string[] = [];
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (!entry.isFile() || PARTIAL.test(entry.name) || taken.has(entry.name)) continue;
        const file = path.join(dir, entry.name);
        const info = await stat(file).catch(() => null);
        if (!info) continue;
        const now = Date.now();
        const before = seen.get(entry.name);
        if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs || info.size === 0) {
          seen.set(entry.name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
          waiting.push(entry.name);
        } else if (now - before.since >= this.timing.stableMs && !(await isLocked(file))) {
          ready.push(entry.name);
        } else {
          waiting.push(entry.name);
        }
      }
      this.onPoll?.(waiting);
      for (const name of ready.sort()) {
        taken.add(name);
        seen.delete(name);
        const file = path.join(dir, name);
        yield { path: file, origin: 'file', sheet: null, side: null, dpi: null, settle: (outcome) => moveOut(dir, name, outcome) };
      }
      if (!this.watch && waiting.length === 0 && ready.length === 0) return;
      await delay(this.timing.pollMs, undefined, { signal }).catch(() => undefined);
    }
  }

  private async checkFolder(dir: string): Promise<void> {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) throw new ScanFault('device_not_found', `找不到监视文件夹 / the hot folder does not exist: ${dir}`);
  }
}

/**
 * A writer on Windows holds the file without write sharing until it is done; opening it for
 * writing fails then. POSIX has no such locks, so there stability alone decides.
 */
async function isLocked(file: string): Promise<boolean> {
  if (process.platform !== 'win32') return false;
  try {
    const fh = await open(file, 'r+');
    await fh.close();
    return false;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
  }
}

async function moveOut(dir: string, name: string, outcome: 'stored' | 'rejected'): Promise<void> {
  const target = path.join(dir, outcome === 'stored' ? STORED_DIR : REJECTED_DIR);
  await mkdir(target, { recursive: true });
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const dest = path.join(target, n === 1 ? name : `${base} (${n})${ext}`);
    if (await stat(dest).then(() => true, () => false)) continue;
    await rename(path.join(dir, name), dest);
    return;
  }
}
