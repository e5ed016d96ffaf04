import { EventEmitter } from 'node:events';
import os from 'node:os';
import { childProcessLauncher, type HostHandle, type HostLauncher } from '../util/host-process';
import { WorkerPool, type PoolWorker, type WorkerKind } from '../util/worker-pool';
import { MEDIA_STEP_TIME_LIMIT_MS, MEDIA_WORKER_HEAP_MB } from './limits';
import { PixelBudget } from './pixel-budget';
import type { MediaReply, MediaRequest, MediaTask, MediaTaskResult } from './types';

/** Memory one decoder process may need at peak: a 300 dpi A4 page decoded, encoded and thumbnailed. */
const BYTES_PER_WORKER = 600 * 1024 ** 2;

/** Decoder processes by CPU and free memory, at least one. */
export function defaultWorkerCount(): number {
  const byCpu = Math.max(1, os.availableParallelism());
  const byMemory = Math.max(1, Math.floor(os.freemem() / BYTES_PER_WORKER));
  return Math.min(byCpu, byMemory, 8);
}

export type MediaHostLauncher = HostLauncher<MediaRequest, MediaReply>;

/**
 * One decoder process as the pool drives a worker. It keeps the process's share of the pixel
 * budget on this side, so a process that dies holding pixels (or waiting for them) costs the
 * budget nothing.
 */
class DecoderProcess extends EventEmitter implements PoolWorker {
  private readonly handle: HostHandle<MediaRequest>;
  private readonly exited: Promise<void>;
  private held = 0;
  private gone = false;

  constructor(launcher: MediaHostLauncher, private readonly budget: PixelBudget) {
    super();
    let exited!: () => void;
    this.exited = new Promise((resolve) => (exited = resolve));
    this.handle = launcher.launch({ heapMb: MEDIA_WORKER_HEAP_MB }, {
      onReply: (reply) => this.onReply(reply),
      onExit: (reason) => {
        this.gone = true;
        this.budget.release(this.held);
        this.held = 0;
        exited();
        this.emit('exit', reason);
      },
    });
  }

  postMessage(message: unknown): void {
    this.handle.send(message as MediaRequest);
  }

  terminate(): Promise<unknown> {
    this.handle.kill();
    return this.exited;
  }

  // A process does not keep the core alive by being idle: it exits with the core (its channel closes).
  ref(): void {}
  unref(): void {}

  private onReply(reply: MediaReply): void {
    if ('wantPixels' in reply) {
      const units = reply.wantPixels;
      void this.budget.acquire(units, () => this.gone).then(() => {
        if (this.gone) return this.budget.release(units);
        this.held += units;
        this.handle.send({ id: reply.id, pixelsGranted: true });
      });
      return;
    }
    if ('pixelsDone' in reply) {
      this.budget.release(this.held);
      this.held = 0;
      return;
    }
    this.emit('message', reply);
  }
}

const decoders = (launcher: MediaHostLauncher): WorkerKind<MediaTask, MediaTaskResult, MediaReply> => {
  const budget = new PixelBudget();
  return {
    start: () => new DecoderProcess(launcher, budget),
    request: (id, task): MediaRequest => ({ id, task }),
    answer: (reply) => {
      if (!('result' in reply)) throw new Error('a heartbeat is not an answer');
      return reply;
    },
    crashed: (reason) => ({ ok: false, error: { code: 'decoder_failed', message: crashMessage(reason) } }),
    watchdog: {
      isHeartbeat: (reply) => 'alive' in reply,
      timedOut: (ms) => ({
        ok: false,
        error: { code: 'timed_out', message: `processing stopped after ${Math.round(ms / 1000)} s without finishing a page` },
      }),
    },
  };
};

/**
 * Why a decoder process died, in words for the record. A process reports only its exit code or
 * signal (V8 reaching its heap limit aborts like any native fault), so the words say no more.
 */
function crashMessage(reason: string): string {
  return /out of memory|heap/i.test(reason) ? 'the decoder ran out of memory on this file' : 'the decoder stopped unexpectedly on this file';
}

export interface MediaPoolOptions {
  readonly size?: number;
  /** Time limit of one step (see MEDIA_STEP_TIME_LIMIT_MS); tests shorten it. */
  readonly stepTimeLimitMs?: number;
  /** Who starts decoder processes: the main process in the desktop app; a child process elsewhere. */
  readonly launcher?: MediaHostLauncher;
}

/**
 * A fixed pool of media decoder processes: image decoding, PDF rasterizing and hashing never run
 * in the process that answers the UI, and a decoder that dies there (a native crash, its heap
 * limit reached) or overruns the time limit fails only its current file and is replaced; the
 * rest of the import goes on.
 */
export class MediaPool {
  private readonly workers: WorkerPool<MediaTask, MediaTaskResult, MediaReply>;

  readonly size: number;

  constructor(options: MediaPoolOptions = {}) {
    this.size = options.size ?? defaultWorkerCount();
    this.workers = new WorkerPool(decoders(options.launcher ?? childProcessLauncher('media-worker')), {
      size: this.size,
      // Started with the first file, not with the core: most commands decode nothing, and a
      // process start costs more than a thread's. Once started they stay for the next files.
      keep: 0,
      idleMs: Number.POSITIVE_INFINITY,
      taskTimeoutMs: options.stepTimeLimitMs ?? MEDIA_STEP_TIME_LIMIT_MS,
    });
  }

  run(task: MediaTask): Promise<MediaTaskResult> {
    if (this.workers.closed) return Promise.reject(new Error('media pool is closed'));
    return this.workers.run(task);
  }

  /**
   * Start the decoders before the first file arrives: a scanner's pages come at the device's pace,
   * and a page that waits for a decoder process to load holds up cancelling and the live view.
   */
  warm(): void {
    this.workers.warm();
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}
