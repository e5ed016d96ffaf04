import { fork } from 'node:child_process';
import { bundledScript } from './bundled-script';
import type { DevOverride } from './dev-override';

/**
 * The scripts the core runs in processes of their own, so a native fault or a runaway allocation
 * in them takes down that process only: the OCR engines, and the media decoders (libvips,
 * pdf.js). A fixed list: nothing a process is asked for names code to run.
 */
export type HostScript = 'ocr-host' | 'media-worker';

export const HOST_SCRIPTS: { readonly [S in HostScript]: { readonly file: string; readonly override: DevOverride } } = {
  'ocr-host': { file: 'ocr-host.mjs', override: 'HPF_DESK_OCR_HOST' },
  'media-worker': { file: 'media-worker.mjs', override: 'HPF_DESK_MEDIA_WORKER' },
};

/** A started host process as its pool drives it. Calls after the process is gone do nothing. */
export interface HostHandle<Request> {
  /** The process id, once known (benchmarks read its memory, tests kill it). */
  readonly pid: number | undefined;
  send(request: Request): void;
  /** Ask it to finish: it closes its work and exits. */
  stop(): void;
  /** End it now, for one that does not stop. */
  kill(): void;
}

export interface HostListeners<Reply> {
  readonly onReply: (reply: Reply) => void;
  /** The process is gone (stopped, crashed or killed); `reason` is for people. Called once. */
  readonly onExit: (reason: string) => void;
}

export interface HostOptions {
  /** What the process needs besides the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** V8 heap ceiling of the process (what a hostile file can make JavaScript decoders allocate). */
  readonly heapMb?: number;
}

/**
 * Starts host processes of one script. In plain Node (tests, the CLI, browser mode) that is a
 * child process (`childProcessLauncher`); in the desktop app, whose packaged binary cannot run as
 * Node (the RunAsNode fuse is off), the main process forks an Electron utility process and hands
 * the core a message port to it (electron/main/ocr-host-process.ts, host/ocr-host-port.ts).
 */
export interface HostLauncher<Request, Reply> {
  launch(options: HostOptions, listeners: HostListeners<Reply>): HostHandle<Request>;
}

/** A host as a Node child process: an IPC channel, stopped by disconnecting it. */
export function childProcessLauncher<Request, Reply>(script: HostScript, started?: (pid: number | undefined) => void): HostLauncher<Request, Reply> {
  return {
    launch(options, listeners) {
      // Tests running the sources point the script's override at a build.
      const child = fork(bundledScript(HOST_SCRIPTS[script].file, HOST_SCRIPTS[script].override), [], {
        env: { ...process.env, ...options.env },
        execArgv: options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : [],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      started?.(child.pid);
      child.on('message', (reply: Reply) => listeners.onReply(reply));
      child.once('exit', (code, signal) => listeners.onExit(String(signal ?? code)));
      child.on('error', () => undefined); // 'exit' follows and reports the work
      return {
        pid: child.pid,
        send: (request) => {
          if (child.connected) child.send(request as never);
        },
        stop: () => {
          if (child.connected) child.disconnect();
        },
        kill: () => {
          child.kill('SIGKILL');
        },
      };
    },
  };
}
