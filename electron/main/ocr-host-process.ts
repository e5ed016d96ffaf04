import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { HostRequest } from '../core/host/utility-process-entry';
import type { OcrHostPortRequest } from '../core/host/ocr-host-port';
import { lowerPriority } from '../core/ocr/lower-priority';
import type { HostScript } from '../core/util/host-process';

export interface OcrHostProcessOptions {
  /** Path of each built host (dist/core/ocr-host.mjs, dist/core/media-worker.mjs). */
  readonly entries: { readonly [S in HostScript]: string };
  /** The environment every process the shell starts gets (see core-host.ts). */
  readonly env: NodeJS.ProcessEnv;
  /** The core process that asks for hosts and talks to them through the ports it is handed. */
  readonly core: { postMessage(message: HostRequest, transfer?: MessagePortMain[]): void };
}

export interface OcrHostProcesses {
  /** Carry out what the core asked for. */
  handle(request: OcrHostPortRequest): void;
  /** The core is gone: end every host it started. */
  killAll(): void;
}

/**
 * The OCR hosts of one core process, each an Electron utility process of its own (a crash of an
 * OCR engine takes down that process only, and its allocator settings apply to it alone). The
 * core and the host talk over a MessageChannelMain; the main process only starts, reports and
 * kills them, and picks the script itself: nothing the core sends names code to run.
 */
export function ocrHostProcesses(options: OcrHostProcessOptions): OcrHostProcesses {
  const hosts = new Map<number, UtilityProcess>();
  let coreGone = false;

  const tellCore = (message: HostRequest, transfer?: MessagePortMain[]) => {
    if (!coreGone) options.core.postMessage(message, transfer);
  };

  const launch = (request: Extract<OcrHostPortRequest, { type: 'ocr-host-launch' }>) => {
    const { id, script } = request;
    const proc = utilityProcess.fork(options.entries[script], [], {
      serviceName: SERVICE_NAMES[script],
      stdio: 'inherit',
      env: { ...options.env, ...request.env },
      ...(request.heapMb ? { execArgv: [`--max-old-space-size=${request.heapMb}`] } : {}),
    });
    hosts.set(id, proc);
    proc.once('spawn', () => {
      // OCR runs in the background; decoding is what a clerk waits for.
      if (script === 'ocr-host') lowerPriority(proc.pid);
      const { port1, port2 } = new MessageChannelMain();
      proc.postMessage({ type: 'port' }, [port1]);
      tellCore({ type: 'ocr-host-port', id, pid: proc.pid }, [port2]);
    });
    proc.once('exit', (code) => {
      hosts.delete(id);
      tellCore({ type: 'ocr-host-exit', id, reason: `exit code ${code}` });
    });
  };

  return {
    handle(request) {
      switch (request.type) {
        case 'ocr-host-launch':
          launch(request);
          return;
        case 'ocr-host-kill':
          hosts.get(request.id)?.kill();
          return;
        default:
          ignoreUnexpected(request);
      }
    },
    killAll() {
      coreGone = true;
      for (const proc of hosts.values()) proc.kill();
      hosts.clear();
    },
  };
}

const SERVICE_NAMES: { readonly [S in HostScript]: string } = {
  'ocr-host': 'HPF Archive Desk OCR',
  'media-worker': 'HPF Archive Desk Decoder',
};

/** Exhaustiveness check that only logs at run time: a stray message must not crash the main process. */
function ignoreUnexpected(value: never): void {
  console.error('[ocr-host] unexpected request from the core:', value);
}
