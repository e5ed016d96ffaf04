import type { OcrPoolSize, OcrTask, OcrTaskResult } from './ocr-pool';
import { OcrPool } from './ocr-pool';

/**
 * The OCR host process: the worker-thread pool that runs the engines, in a process of its own
 * (see ocr-process-pool.ts), so a native fault in an engine takes down only this process and
 * the memory settings it is started with apply to the engines alone.
 */
export type HostRequest =
  | { readonly type: 'run'; readonly id: number; readonly task: OcrTask }
  | { readonly type: 'cancel'; readonly id: number };

export interface HostReply {
  readonly id: number;
  readonly result: OcrTaskResult;
}

function serve(size: OcrPoolSize): void {
  // Idle workers are stopped by whoever started this process (it stops the whole host).
  const pool = new OcrPool(size, Number.POSITIVE_INFINITY);
  const running = new Map<number, AbortController>();
  process.on('message', (msg: HostRequest) => {
    switch (msg.type) {
      case 'cancel':
        running.get(msg.id)?.abort();
        return;
      case 'run': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        void pool.run(msg.task, controller.signal).then((result) => {
          running.delete(msg.id);
          process.send?.({ id: msg.id, result } satisfies HostReply);
        });
        return;
      }
    }
  });
  // The parent went away (closed, or crashed): nothing is left to read for.
  process.on('disconnect', () => void pool.close().then(() => process.exit(0)));
}

serve(JSON.parse(process.env.HPF_DESK_OCR_POOL_SIZE ?? '{"workers":1,"threads":1}') as OcrPoolSize);
