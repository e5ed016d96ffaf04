import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { OcrEngineName, OcrRecognition } from '../../../shared/contract';
import type { OcrOptions } from './engine';
import type { OcrWorkerData, OcrWorkerReply, OcrWorkerRequest } from './ocr-worker-protocol';
import { bundledScript } from '../util/bundled-script';
import { WorkerPool, type WorkerKind } from '../util/worker-pool';

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
  readonly image: Uint8Array | string;
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

/** A task that a worker never gets to (aborted first, or the pool closed). */
const notRun = (error: string): OcrTaskResult => ({ ok: false, error, cancelled: true });

function ocrWorkers(size: OcrPoolSize): WorkerKind<OcrTask, OcrTaskResult, OcrWorkerReply> {
  const data: OcrWorkerData = { threads: size.threads };
  return {
    // Tests running the sources point HPF_DESK_OCR_WORKER at a build.
    start: () => new Worker(bundledScript('ocr-worker.mjs', 'HPF_DESK_OCR_WORKER'), { workerData: data }),
    request: (id, task) => ({ type: 'recognize', id, ...task }) satisfies OcrWorkerRequest,
    answer: (reply) => ({
      id: reply.id,
      result:
        reply.type === 'done'
          ? { ok: true, result: reply.result, model: reply.model, seconds: reply.seconds }
          : { ok: false, error: reply.error, cancelled: reply.cancelled },
    }),
    crashed: (reason) => ({ ok: false, error: `OCR worker crashed: ${reason}`, cancelled: false }),
    cancel: { result: notRun('cancelled'), request: (id) => ({ type: 'cancel', id }) satisfies OcrWorkerRequest },
  };
}

/**
 * OCR worker threads, started on first use and stopped after a quiet spell (each holds its
 * models in memory, hundreds of MB). A worker that dies fails its page, and is replaced.
 */
export class OcrPool implements OcrRunner {
  private readonly workers: WorkerPool<OcrTask, OcrTaskResult, OcrWorkerReply>;

  constructor(
    readonly size: OcrPoolSize = defaultOcrPoolSize(),
    idleMs = 60_000,
  ) {
    this.workers = new WorkerPool(ocrWorkers(size), { size: size.workers, keep: 0, idleMs });
  }

  run(task: OcrTask, signal?: AbortSignal): Promise<OcrTaskResult> {
    if (this.workers.closed) return Promise.resolve(notRun('OCR pool is closed'));
    if (signal?.aborted) return Promise.resolve(notRun('cancelled'));
    return this.workers.run(task, signal);
  }

  close(): Promise<void> {
    this.workers.settleQueued(notRun('OCR pool closed'));
    return this.workers.close();
  }
}
