import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundledScript } from '../util/bundled-script';
import { WorkerPool, type WorkerKind } from '../util/worker-pool';
import { MEDIA_STEP_TIME_LIMIT_MS, MEDIA_WORKER_HEAP_MB } from './limits';
import { createPixelBudget } from './pixel-budget';
import type { MediaReply, MediaRequest, MediaTask, MediaTaskResult } from './types';

/** Memory one worker may need at peak: a 300 dpi A4 page decoded, encoded and thumbnailed. */
const BYTES_PER_WORKER = 600 * 1024 ** 2;

/** Workers by CPU and free memory, at least one. */
export function defaultWorkerCount(): number {
  const byCpu = Math.max(1, os.availableParallelism());
  const byMemory = Math.max(1, Math.floor(os.freemem() / BYTES_PER_WORKER));
  return Math.min(byCpu, byMemory, 8);
}

const mediaWorkers = (budget: SharedArrayBuffer): WorkerKind<MediaTask, MediaTaskResult, MediaReply> => ({
  // Tests running the TypeScript sources point HPF_DESK_MEDIA_WORKER at a built copy.
  start: () =>
    new Worker(bundledScript('media-worker.mjs', 'HPF_DESK_MEDIA_WORKER'), {
      resourceLimits: { maxOldGenerationSizeMb: MEDIA_WORKER_HEAP_MB },
    }),
  request: (id, task): MediaRequest => ({ id, task, budget }),
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
});

/** Why a worker died, in words for the record: the reason itself may name internal paths. */
function crashMessage(reason: string): string {
  if (/ERR_WORKER_OUT_OF_MEMORY|out of memory|heap/i.test(reason)) return 'the decoder ran out of memory on this file';
  return 'the decoder stopped unexpectedly on this file';
}

export interface MediaPoolOptions {
  readonly size?: number;
  /** Time limit of one step (see MEDIA_STEP_TIME_LIMIT_MS); tests shorten it. */
  readonly stepTimeLimitMs?: number;
}

/**
 * A fixed pool of media worker threads: image decoding, PDF rasterizing and hashing never run
 * on the thread that answers the UI. A worker that dies (a native crash in a decoder, its heap
 * limit reached) or overruns the time limit fails only its current file and is replaced.
 */
export class MediaPool {
  private readonly workers: WorkerPool<MediaTask, MediaTaskResult, MediaReply>;

  readonly size: number;

  constructor(options: MediaPoolOptions = {}) {
    this.size = options.size ?? defaultWorkerCount();
    this.workers = new WorkerPool(mediaWorkers(createPixelBudget()), {
      size: this.size,
      keep: this.size,
      idleMs: Number.POSITIVE_INFINITY,
      taskTimeoutMs: options.stepTimeLimitMs ?? MEDIA_STEP_TIME_LIMIT_MS,
    });
  }

  run(task: MediaTask): Promise<MediaTaskResult> {
    if (this.workers.closed) return Promise.reject(new Error('media pool is closed'));
    return this.workers.run(task);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}
