import os from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MediaTask, MediaTaskResult } from './types';

/** Memory one worker may need at peak: a 300 dpi A4 page decoded, encoded and thumbnailed. */
const BYTES_PER_WORKER = 600 * 1024 ** 2;

/** Workers by CPU and free memory, at least one. */
export function defaultWorkerCount(): number {
  const byCpu = Math.max(1, os.availableParallelism());
  const byMemory = Math.max(1, Math.floor(os.freemem() / BYTES_PER_WORKER));
  return Math.min(byCpu, byMemory, 8);
}

/**
 * Where the bundled worker script is: beside the bundle that loads this module in production;
 * tests running the TypeScript sources point HPF_DESK_MEDIA_WORKER at a built copy.
 */
function workerScript(): string {
  const override = process.env.HPF_DESK_MEDIA_WORKER;
  if (override) return override;
  const sibling = fileURLToPath(new URL('./media-worker.mjs', import.meta.url));
  if (existsSync(sibling)) return sibling;
  throw new Error(`media worker not found at ${sibling}; run npm run build`);
}

interface Pending {
  readonly task: MediaTask;
  readonly resolve: (r: MediaTaskResult) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending & { id: number };
  dead?: boolean;
}

/**
 * A fixed pool of media worker threads: image decoding, PDF rasterizing and hashing never run
 * on the thread that answers the UI. A worker that dies (a native crash in a decoder) fails only
 * its current task and is replaced.
 */
export class MediaPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number = defaultWorkerCount()) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: MediaTask): Promise<MediaTaskResult> {
    if (this.closed) return Promise.reject(new Error('media pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerScript()) };
    slot.worker.on('message', (msg: { id: number; result: MediaTaskResult }) => {
      const current = slot.current;
      if (!current || current.id !== msg.id) return;
      slot.current = undefined;
      current.resolve(msg.result);
      this.pump();
    });
    const onDeath = (reason: string) => {
      if (slot.dead) return;
      slot.dead = true;
      const current = slot.current;
      slot.current = undefined;
      current?.resolve({ ok: false, error: { code: 'io_error', message: `processing crashed: ${reason}` } });
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.pump();
    };
    slot.worker.on('error', (err) => onDeath(err.message));
    slot.worker.on('exit', (code) => onDeath(`worker exited with code ${code}`));
    slot.worker.unref();
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.current) continue;
      const next = this.queue.shift();
      if (!next) return;
      const id = this.nextId++;
      slot.current = { ...next, id };
      slot.worker.ref();
      slot.worker.postMessage({ id, task: next.task });
    }
    for (const slot of this.slots) if (!slot.current) slot.worker.unref();
  }
}
