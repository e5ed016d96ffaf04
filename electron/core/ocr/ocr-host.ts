import type { OcrPoolSize, OcrTask, OcrTaskResult } from './ocr-pool';
import { OcrPool } from './ocr-pool';
import { hostLink, type HostLink } from '../util/host-link';

/**
 * The OCR host process: the worker-thread pool that runs the engines, in a process of its own
 * (see ocr-process-pool.ts and ocr-host-launcher.ts), so a native fault in an engine takes down
 * only this process and the memory settings it is started with apply to the engines alone.
 */
export type HostRequest =
  | { readonly type: 'run'; readonly id: number; readonly task: OcrTask }
  | { readonly type: 'cancel'; readonly id: number };

export interface HostReply {
  readonly id: number;
  readonly result: OcrTaskResult;
}

function serve(size: OcrPoolSize, link: HostLink<HostRequest, HostReply>): void {
  // Idle workers are stopped by whoever started this process (it stops the whole host).
  const pool = new OcrPool(size, Number.POSITIVE_INFINITY);
  const running = new Map<number, AbortController>();
  link.onRequest((msg) => {
    switch (msg.type) {
      case 'cancel':
        running.get(msg.id)?.abort();
        return;
      case 'run': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        void pool.run(msg.task, controller.signal).then((result) => {
          running.delete(msg.id);
          link.reply({ id: msg.id, result });
        });
        return;
      }
    }
  });
  link.onClose(() => void pool.close().then(() => process.exit(0)));
}

const size = JSON.parse(process.env.HPF_DESK_OCR_POOL_SIZE ?? '{"workers":1,"threads":1}') as OcrPoolSize;
void hostLink<HostRequest, HostReply>('ocr-host').then((link) => serve(size, link));
