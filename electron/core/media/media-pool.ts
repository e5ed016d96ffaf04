import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundledScript } from '../util/bundled-script';
import { WorkerPool, type WorkerKind } from '../util/worker-pool';
import type { MediaTask, MediaTaskResult } from './types';

/** Memory one worker may need at peak: a 300 dpi A4 page decoded, encoded and thumbnailed. */
const BYTES_PER_WORKER = 600 * 1024 ** 2;

/** Workers by CPU and free memory, at least one. */
export function defaultWorkerCount(): number {
  const byCpu = Math.max(1, os.availableParallelism());
  const byMemory = Math.max(1, Math.floor(os.freemem() / BYTES_PER_WORKER));
  return Math.min(byCpu, byMemory, 8);
}

/** A worker thread's answer to one task. */
interface MediaReply {
  readonly id: number;
  readonly result: MediaTaskResult;
}

const mediaWorkers: WorkerKind<MediaTask, MediaTaskResult, MediaReply> = {
  // Tests running the TypeScript sources point HPF_DESK_MEDIA_WORKER at a built copy.
  start: () => new Worker(bundledScript('media-worker.mjs', 'HPF_DESK_MEDIA_WORKER')),
  request: (id, task) => ({ id, task }),
  answer: (reply) => reply,
  crashed: (reason) => ({ ok: false, error: { code: 'io_error', message: `processing crashed: ${reason}` } }),
};

/**
 * A fixed pool of media worker threads: image decoding, PDF rasterizing and hashing never run
 * on the thread that answers the UI. A worker that dies (a native crash in a decoder) fails only
 * its current task and is replaced.
 */
export class MediaPool {
  private readonly workers: WorkerPool<MediaTask, MediaTaskResult, MediaReply>;

  constructor(readonly size: number = defaultWorkerCount()) {
    this.workers = new WorkerPool(mediaWorkers, { size, keep: size, idleMs: Number.POSITIVE_INFINITY });
  }

  run(task: MediaTask): Promise<MediaTaskResult> {
    if (this.workers.closed) return Promise.reject(new Error('media pool is closed'));
    return this.workers.run(task);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}
