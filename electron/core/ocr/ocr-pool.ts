import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OcrEngineName, OcrRecognition } from '../../../shared/contract';
import type { OcrOptions } from './engine';
import type { OcrWorkerData, OcrWorkerReply, OcrWorkerRequest } from './ocr-worker-protocol';

/** Memory one OCR worker needs at peak: PP-OCR models, their working memory and one A4 page. */
const BYTES_PER_WORKER = 550 * 1024 ** 2;

export interface OcrPoolSize {
  readonly workers: number;
  /** onnxruntime threads per worker, so workers × threads ≈ cores. */
  readonly threads: number;
}

/** Workers by CPU and free memory, at least one; spare cores go to each worker's threads. */
export function defaultOcrPoolSize(): OcrPoolSize {
  const cores = Math.max(1, os.availableParallelism());
  const byMemory = Math.max(1, Math.floor(os.freemem() / BYTES_PER_WORKER));
  const workers = Math.min(cores, byMemory, 4);
  return { workers, threads: Math.max(1, Math.floor(cores / workers)) };
}

export interface OcrTask {
  readonly engine: OcrEngineName;
  readonly file: string;
  readonly dpi: number | null;
  readonly options: OcrOptions;
}

/** What runs OCR tasks: the thread pool itself, or the process hosting it (ocr-process-pool.ts). */
export interface OcrRunner {
  readonly size: OcrPoolSize;
  run(task: OcrTask, signal?: AbortSignal): Promise<OcrTaskResult>;
  close(): Promise<void>;
}

export type OcrTaskResult =
  | { readonly ok: true; readonly result: OcrRecognition; readonly model: string; readonly seconds: number }
  | { readonly ok: false; readonly error: string; readonly cancelled: boolean };

/** Beside the bundle in production; tests running the sources point HPF_DESK_OCR_WORKER at a build. */
function workerScript(): string {
  const override = process.env.HPF_DESK_OCR_WORKER;
  if (override) return override;
  const sibling = fileURLToPath(new URL('./ocr-worker.mjs', import.meta.url));
  if (existsSync(sibling)) return sibling;
  throw new Error(`OCR worker not found at ${sibling}; run npm run build`);
}

interface Pending {
  readonly id: number;
  readonly task: OcrTask;
  readonly resolve: (r: OcrTaskResult) => void;
}

interface Slot {
  readonly worker: Worker;
  current?: Pending;
  dead?: boolean;
}

/**
 * OCR worker threads, started on first use and stopped after a quiet spell (each holds its
 * models in memory). A worker that dies fails its page, and is replaced.
 */
export class OcrPool implements OcrRunner {
  private slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly size: OcrPoolSize = defaultOcrPoolSize(),
    private readonly idleMs = 60_000,
  ) {}

  run(task: OcrTask, signal?: AbortSignal): Promise<OcrTaskResult> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'OCR pool is closed', cancelled: true });
    if (signal?.aborted) return Promise.resolve({ ok: false, error: 'cancelled', cancelled: true });
    return new Promise((resolve) => {
      const pending: Pending = { id: this.nextId++, task, resolve };
      signal?.addEventListener('abort', () => this.cancel(pending), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const p of this.queue.splice(0)) p.resolve({ ok: false, error: 'OCR pool closed', cancelled: true });
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private cancel(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.resolve({ ok: false, error: 'cancelled', cancelled: true });
      return;
    }
    const slot = this.slots.find((s) => s.current === pending);
    slot?.worker.postMessage({ type: 'cancel', id: pending.id } satisfies OcrWorkerRequest);
  }

  private spawn(): Slot {
    const data: OcrWorkerData = { threads: this.size.threads };
    const slot: Slot = { worker: new Worker(workerScript(), { workerData: data }) };
    slot.worker.on('message', (reply: OcrWorkerReply) => {
      const current = slot.current;
      if (!current || current.id !== reply.id) return;
      slot.current = undefined;
      current.resolve(
        reply.type === 'done'
          ? { ok: true, result: reply.result, model: reply.model, seconds: reply.seconds }
          : { ok: false, error: reply.error, cancelled: reply.cancelled },
      );
      this.pump();
    });
    const onDeath = (reason: string) => {
      if (slot.dead) return;
      slot.dead = true;
      const current = slot.current;
      slot.current = undefined;
      this.slots = this.slots.filter((s) => s !== slot);
      current?.resolve({ ok: false, error: `OCR worker crashed: ${reason}`, cancelled: false });
      if (!this.closed) this.pump();
    };
    slot.worker.on('error', (err) => onDeath(err.message));
    slot.worker.on('exit', (code) => onDeath(`exited with code ${code}`));
    return slot;
  }

  private pump(): void {
    clearTimeout(this.idleTimer);
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.current && !s.dead);
      if (!slot && this.slots.length < this.size.workers) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) break;
      const next = this.queue.shift()!;
      slot.current = next;
      slot.worker.postMessage({ type: 'recognize', id: next.id, ...next.task } satisfies OcrWorkerRequest);
    }
    for (const s of this.slots) {
      if (s.current) s.worker.ref();
      else s.worker.unref();
    }
    if (Number.isFinite(this.idleMs) && this.slots.length > 0 && this.slots.every((s) => !s.current)) {
      // Idle workers hold their models (hundreds of MB each): let them go after a quiet spell.
      this.idleTimer = setTimeout(() => void this.stopIdle(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private async stopIdle(): Promise<void> {
    const idle = this.slots.filter((s) => !s.current);
    this.slots = this.slots.filter((s) => s.current);
    await Promise.all(idle.map((s) => { s.dead = true; return s.worker.terminate(); }));
  }
}
