/**
 * How a host process (util/host-process.ts) talks to the core that started it: Node's IPC channel
 * when it is a child process, or a port the main process hands it when it is an Electron
 * utility process. The same code serves either way.
 */
export interface HostLink<Request, Reply> {
  onRequest(listener: (request: Request) => void): void;
  reply(reply: Reply): void;
  /** The other side went away (closed, or crashed): nothing is left to work for. */
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

/** The link of this process; `name` is for the one line logged when a utility process has no port. */
export function hostLink<Request, Reply>(name: string): Promise<HostLink<Request, Reply>> {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (!parentPort) {
    return Promise.resolve({
      onRequest: (listener) => process.on('message', (message) => listener(message as Request)),
      reply: (reply) => void process.send?.(reply),
      onClose: (listener) => process.on('disconnect', listener),
    });
  }
  // A utility process: the main process sends the port to the core first.
  return new Promise((resolve) => {
    parentPort.once('message', ({ ports }) => {
      const [port] = ports;
      if (!port) {
        console.error(`[${name}] started without a port to the core`);
        process.exit(1);
      }
      resolve({
        onRequest: (listener) => port.on('message', ({ data }) => listener(data as Request)),
        reply: (reply) => port.postMessage(reply),
        onClose: (listener) => port.on('close', listener),
      });
      port.start();
    });
  });
}
