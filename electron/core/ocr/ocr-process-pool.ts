import type { HostReply, HostRequest } from './ocr-host';
import { childProcessHostLauncher, type OcrHostHandle, type OcrHostLauncher } from './ocr-host-launcher';
import { defaultOcrPoolSize, type OcrPoolSize, type OcrRunner, type OcrTask, type OcrTaskResult } from './ocr-pool';

interface Pending {
  readonly resolve: (r: OcrTaskResult) => void;
}

interface RunningHost {
  readonly handle: OcrHostHandle;
  /** Settles when the host is gone. */
  readonly exited: Promise<void>;
  alive: boolean;
}

/**
 * The OCR pool as the core uses it: the engines' worker threads live in a process of their own
 * (a child process, or a utility process in the app: see ocr-host-launcher.ts), started on
 * first use and stopped after a quiet spell. Out of process, a native fault in an
 * engine fails only the pages in flight (the next page starts a new host), and the host gets
 * a memory allocator setting of its own: glibc's per-thread arenas fragment under the engines'
 * large, short-lived buffers (≈ +120 MB with two workers); two arenas and a fixed mmap threshold
 * keep the pool well under 1 GB.
 */
export class OcrProcessPool implements OcrRunner {
  private host: RunningHost | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly size: OcrPoolSize = defaultOcrPoolSize(),
    private readonly idleMs = 60_000,
    private readonly launcher: OcrHostLauncher = childProcessHostLauncher,
  ) {}

  /** The host's process id while it runs. */
  get pid(): number | undefined {
    return this.host?.handle.pid;
  }

  run(task: OcrTask, signal?: AbortSignal): Promise<OcrTaskResult> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'OCR pool is closed', cancelled: true });
    if (signal?.aborted) return Promise.resolve({ ok: false, error: 'cancelled', cancelled: true });
    clearTimeout(this.idleTimer);
    const host = this.host ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      signal?.addEventListener('abort', () => host.alive && host.handle.send({ type: 'cancel', id } satisfies HostRequest), { once: true });
      host.handle.send({ type: 'run', id, task } satisfies HostRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    await this.stop();
  }

  private start(): RunningHost {
    let settle!: () => void;
    const exited = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const onReply = (reply: HostReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      pending.resolve(reply.result);
      this.scheduleIdle();
    };
    const onExit = (reason: string) => {
      running.alive = false;
      if (this.host === running) this.host = null;
      // Pages in flight fail as a crash, which the queue tries again.
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.resolve({ ok: false, error: `OCR worker crashed: host exited (${reason})`, cancelled: false });
      }
      settle();
    };
    const running: RunningHost = { handle: this.launcher.launch({ env: hostEnvironment(this.size) }, { onReply, onExit }), exited, alive: true };
    this.host = running;
    return running;
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
    if (!host.alive) return;
    // Stopping tells the host to close its workers and exit; a host that hangs is killed.
    host.handle.stop();
    const timer = setTimeout(() => host.handle.kill(), 5_000);
    await host.exited;
    clearTimeout(timer);
  }
}

/**
 * The host's own settings: its pool size, and a memory allocator tuned for the engines (glibc's
 * per-thread arenas fragment under their large, short-lived buffers).
 */
function hostEnvironment(size: OcrPoolSize): Record<string, string> {
  return {
    HPF_DESK_OCR_POOL_SIZE: JSON.stringify(size),
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    // A fixed threshold: glibc otherwise raises it to the largest buffer freed so far, so page
    // rasters and detection tensors (MBs, a new size every page) come from the heap and
    // fragment it (≈ 70 MB of the peak with two workers). Smaller buffers, the many line
    // crops, stay on the heap: a lower threshold costs page faults for no further saving.
    MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? String(4 * 1024 * 1024),
  };
}
