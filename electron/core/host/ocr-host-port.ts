import type { HostHandle, HostLauncher, HostListeners, HostScript } from '../util/host-process';

/**
 * OCR hosts for the core in the desktop app. The packaged binary cannot run as Node, so the core
 * cannot fork one itself: it asks the main process, which forks an Electron utility process and
 * hands back one end of a message channel to it. Crash isolation and the host's own memory stay;
 * only who starts the process changes. Declared without 'electron': the core never imports it.
 */

/**
 * The core asks the main process. The messages kept their first user's name; `script` says which
 * host (the OCR engines, or a media decoder process) and the main process maps it to its file.
 */
export type OcrHostPortRequest =
  | { readonly type: 'ocr-host-launch'; readonly id: number; readonly script: HostScript; readonly env: Readonly<Record<string, string>>; readonly heapMb?: number }
  | { readonly type: 'ocr-host-kill'; readonly id: number };

/** The main process answers (`ocr-host-port` carries the port to the host in the message's ports). */
export type OcrHostPortAnswer =
  | { readonly type: 'ocr-host-port'; readonly id: number; readonly pid: number | undefined }
  | { readonly type: 'ocr-host-exit'; readonly id: number; readonly reason: string };

/** Electron's MessagePortMain as far as used here. */
export interface HostPort {
  on(event: 'message', listener: (message: { readonly data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface OcrHostPorts {
  /** Launches hosts of one script through the main process. */
  launcher<Request, Reply>(script: HostScript): HostLauncher<Request, Reply>;
  /** Hand over an answer from the main process, with the port its message carried. */
  answer(message: OcrHostPortAnswer, port: HostPort | undefined): void;
}

interface Launched {
  readonly listeners: HostListeners<unknown>;
  port: HostPort | null;
  pid: number | undefined;
  /** Asked to stop: its end is the main process's exit notice, not the port we closed ourselves. */
  stopping: boolean;
  /** Requests sent before the port arrived. */
  readonly queued: unknown[];
}

export function ocrHostPorts(post: (request: OcrHostPortRequest) => void): OcrHostPorts {
  const hosts = new Map<number, Launched>();
  let nextId = 1;

  const end = (id: number, reason: string) => {
    const host = hosts.get(id);
    if (!host) return;
    hosts.delete(id);
    host.listeners.onExit(reason);
  };

  const attach = (id: number, host: Launched, port: HostPort) => {
    host.port = port;
    port.on('message', ({ data }) => host.listeners.onReply(data));
    // The host's end closes when it dies; the main process's exit notice may come second.
    port.on('close', () => {
      if (!host.stopping) end(id, 'port closed');
    });
    port.start();
    for (const request of host.queued.splice(0)) port.postMessage(request);
  };

  const launcher = <Request, Reply>(script: HostScript): HostLauncher<Request, Reply> => ({
    launch(options, listeners) {
      const id = nextId++;
      const host: Launched = { listeners: listeners as HostListeners<unknown>, port: null, pid: undefined, stopping: false, queued: [] };
      hosts.set(id, host);
      post({ type: 'ocr-host-launch', id, script, env: options.env ?? {}, ...(options.heapMb ? { heapMb: options.heapMb } : {}) });
      const handle: HostHandle<Request> = {
        get pid() {
          return host.pid;
        },
        send: (request) => {
          if (!hosts.has(id)) return;
          if (host.port) host.port.postMessage(request);
          else host.queued.push(request);
        },
        // The host exits when its port closes; before it has one, only the main process can end it.
        stop: () => {
          host.stopping = true;
          if (host.port) host.port.close();
          else post({ type: 'ocr-host-kill', id });
        },
        kill: () => post({ type: 'ocr-host-kill', id }),
      };
      return handle;
    },
  });

  return {
    launcher,
    answer(message, port) {
      const host = hosts.get(message.id);
      if (message.type === 'ocr-host-exit') {
        end(message.id, message.reason);
        return;
      }
      if (!host) {
        port?.close();
        return;
      }
      host.pid = message.pid;
      if (port) attach(message.id, host, port);
      else end(message.id, 'started without a port');
    },
  };
}
