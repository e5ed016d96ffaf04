import type { OcrPoolSize, OcrTask, OcrTaskResult } from './ocr-pool';
import { OcrPool } from './ocr-pool';

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

/** Where requests come from and replies go: Node's IPC channel, or a port from the main process. */
interface HostLink {
  onRequest(listener: (request: HostRequest) => void): void;
  reply(reply: HostReply): void;
  /** The other side went away (closed, or crashed): nothing is left to read for. */
  onClose(listener: () => void): void;
}

/** Electron's MessagePortMain and ParentPort as far as used here, declared locally: no 'electron' in the core. */
interface PortLike {
  on(event: 'message', listener: (message: { readonly data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPortLike {
  once(event: 'message', listener: (message: { readonly ports: readonly PortLike[] }) => void): unknown;
}

/** Started as a Node child process (plain Node: tests, the CLI, browser mode). */
function processLink(): HostLink {
  return {
    onRequest: (listener) => process.on('message', listener),
    reply: (reply) => process.send?.(reply),
    onClose: (listener) => process.on('disconnect', listener),
  };
}

/** Started as an Electron utility process: the main process sends the port to the core first. */
function portLink(parent: ParentPortLike): Promise<HostLink> {
  return new Promise((resolve) => {
    parent.once('message', ({ ports }) => {
      const [port] = ports;
      if (!port) {
        console.error('[ocr-host] started without a port to the core');
        process.exit(1);
      }
      resolve({
        onRequest: (listener) => port.on('message', ({ data }) => listener(data as HostRequest)),
        reply: (reply) => port.postMessage(reply),
        onClose: (listener) => port.on('close', listener),
      });
      port.start();
    });
  });
}

function serve(size: OcrPoolSize, link: HostLink): void {
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
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) void portLink(parentPort).then((link) => serve(size, link));
else serve(size, processLink());
