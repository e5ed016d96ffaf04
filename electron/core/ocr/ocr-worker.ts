import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import sharp from 'sharp';
import type { OcrEngineName } from '../../../shared/contract';
import { OcrCancelled, type OcrEngine } from './engine';
import { createEngine } from './engine-factory';
import type { OcrWorkerData, OcrWorkerReply, OcrWorkerRequest } from './ocr-worker-protocol';
import { decodeRgb } from './raster';

// Parallelism comes from the number of workers; one libvips thread and no cache each keep a
// worker's memory to its page.
sharp.concurrency(1);
sharp.cache(false);

/** Serve recognize requests on `port`, one page at a time (an engine is not re-entrant). */
function serve(port: MessagePort, { threads }: OcrWorkerData): void {
  // One engine at a time: a worker asked for the other engine swaps it (rare: per profile).
  let engine: { name: OcrEngineName; ready: Promise<OcrEngine> } | null = null;
  const running = new Map<number, AbortController>();
  let queue: Promise<void> = Promise.resolve();

  const engineFor = (name: OcrEngineName): Promise<OcrEngine> => {
    if (engine?.name !== name) {
      const previous = engine?.ready;
      const disposed = previous ? previous.then((e) => e.dispose()).catch(() => undefined) : Promise.resolve();
      engine = { name, ready: disposed.then(() => createEngine(name, threads)) };
    }
    return engine.ready;
  };

  const recognize = async (request: RecognizeRequest, signal: AbortSignal): Promise<OcrWorkerReply> => {
    try {
      const t0 = performance.now();
      const ocr = await engineFor(request.engine);
      const decoded = await decodeRgb(request.image);
      if (signal.aborted) throw new OcrCancelled();
      const result = await ocr.recognize({ image: decoded.image, dpi: decoded.dpi ?? request.dpi }, request.options, signal);
      return { type: 'done', id: request.id, result, model: ocr.model, seconds: (performance.now() - t0) / 1000 };
    } catch (err) {
      return {
        type: 'failed',
        id: request.id,
        error: err instanceof Error ? err.message : String(err),
        cancelled: err instanceof OcrCancelled,
      };
    }
  };

  port.on('message', (msg: OcrWorkerRequest) => {
    switch (msg.type) {
      case 'cancel':
        running.get(msg.id)?.abort();
        return;
      case 'recognize': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        queue = queue.then(async () => {
          const reply = await recognize(msg, controller.signal);
          running.delete(msg.id);
          port.postMessage(reply);
        });
        return;
      }
    }
  });
}

type RecognizeRequest = Extract<OcrWorkerRequest, { type: 'recognize' }>;

if (!parentPort) throw new Error('ocr-worker must run as a worker thread');
serve(parentPort, workerData as OcrWorkerData);
