import os from 'node:os';
import { fork, type ChildProcess } from 'node:child_process';
import type { HostReply, HostRequest } from './ocr-host';
import { defaultOcrPoolSize, type OcrPoolSize, type OcrRunner, type OcrTask, type OcrTaskResult } from './ocr-pool';
import { bundledScript } from '../util/bundled-script';

interface Pending {
  readonly resolve: (r: OcrTaskResult) => void;
}

/**
 * The OCR pool as the core uses it: the engines' worker threads live in a child process,
 * started on first use and stopped after a quiet spell. Out of process, a native fault in an
 * engine fails only the pages in flight (the next page starts a new host), and the host gets
 * a memory allocator setting of its own: glibc's per-thread arenas fragment under the engines'
 * large, short-lived buffers (≈ +120 MB with two workers); two arenas and a fixed mmap threshold
 * keep the pool well under 1 GB.
 */
export class OcrProcessPool implements OcrRunner {
  private host: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly size: OcrPoolSize = defaultOcrPoolSize(),
    private readonly idleMs = 60_000,
  ) {}

  /** The host's process id while it runs. */
  get pid(): number | undefined {
    return this.host?.pid;
  }

  run(task: OcrTask, signal?: AbortSignal): Promise<OcrTaskResult> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'OCR pool is closed', cancelled: true });
    if (signal?.aborted) return Promise.resolve({ ok: false, error: 'cancelled', cancelled: true });
    clearTimeout(this.idleTimer);
    const host = this.host ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      signal?.addEventListener('abort', () => host.connected && host.send({ type: 'cancel', id } satisfies HostRequest), { once: true });
      host.send({ type: 'run', id, task } satisfies HostRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    await this.stop();
  }

  private start(): ChildProcess {
    // Tests running the sources point HPF_DESK_OCR_HOST at a build.
    const host = fork(bundledScript('ocr-host.mjs', 'HPF_DESK_OCR_HOST'), [], {
      env: {
        ...process.env,
        HPF_DESK_OCR_POOL_SIZE: JSON.stringify(this.size),
        MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
        // A fixed threshold: glibc otherwise raises it to the largest buffer freed so far, so page
        // rasters and detection tensors (MBs, a new size every page) come from the heap and
        // fragment it (≈ 70 MB of the peak with two workers). Smaller buffers, the many line
        // crops, stay on the heap: a lower threshold costs page faults for no further saving.
        MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? String(4 * 1024 * 1024),
        // Inside Electron, process.execPath is the app: run the host as plain Node.
        ELECTRON_RUN_AS_NODE: '1',
      },
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    lowerPriority(host);
    host.on('message', (reply: HostReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      pending.resolve(reply.result);
      this.scheduleIdle();
    });
    host.on('exit', (code, signal) => {
      if (this.host === host) this.host = null;
      // Pages in flight fail as a crash, which the queue tries again.
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.resolve({ ok: false, error: `OCR worker crashed: host exited (${signal ?? code})`, cancelled: false });
      }
    });
    host.on('error', () => undefined); // 'exit' follows and reports the pages
    this.host = host;
    return host;
  }

  private scheduleIdle(): void {
    if (this.pending.size > 0 || !Number.isFinite(this.idleMs)) return;
    clearTimeout(this.idleTimer);
    // The host holds the models (hundreds of MB): let it go after a quiet spell.
    this.idleTimer = setTimeout(() => void this.stop(), this.idleMs);
    this.idleTimer.unref();
  }

  private async stop(): Promise<void> {
    const host = this.host;
    if (!host) return;
    this.host = null;
    if (host.exitCode !== null || host.signalCode !== null) return;
    const exited = new Promise((resolve) => host.once('exit', resolve));
    // Disconnecting tells the host to close its workers and exit; a host that hangs is killed.
    if (host.connected) host.disconnect();
    const timer = setTimeout(() => host.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * OCR is background work: below normal priority it takes only the CPU that imports, scans and
 * the window leave over, so a clerk's import is not held up by reading the pages before it
 * (under load the two otherwise share the cores evenly and an import waits on OCR).
 */
function lowerPriority(host: ChildProcess): void {
  if (host.pid === undefined) return;
  try {
    os.setPriority(host.pid, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not permitted on this system: OCR then runs at normal priority, only slower imports follow.
  }
}
