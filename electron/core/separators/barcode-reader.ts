import { Worker } from 'node:worker_threads';
import { bundledScript } from '../util/bundled-script';
import type { BarcodeRequest, BarcodeResponse, FoundBarcode } from './barcode-protocol';

/**
 * Reads barcodes on page images in one worker thread, so decoding (a few hundred ms a page)
 * never holds up the thread that answers the UI. A worker that dies fails its pending reads and
 * the next read starts a new one.
 */
export class BarcodeReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (codes: readonly FoundBarcode[]) => void; reject: (err: Error) => void }>();

  read(image: Uint8Array): Promise<readonly FoundBarcode[]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, image } satisfies BarcodeRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Tests running the TypeScript sources point HPF_DESK_BARCODE_WORKER at the built copy.
    const worker = new Worker(bundledScript('barcode-worker.mjs', 'HPF_DESK_BARCODE_WORKER'));
    worker.on('message', (msg: BarcodeResponse) => {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.ok) waiting.resolve(msg.codes);
      else waiting.reject(new Error(msg.error));
    });
    const fail = (reason: string) => {
      if (this.worker === worker) this.worker = null;
      for (const [, waiting] of this.pending) waiting.reject(new Error(`barcode reader stopped: ${reason}`));
      this.pending.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit ${code}`));
    this.worker = worker;
    return worker;
  }
}
