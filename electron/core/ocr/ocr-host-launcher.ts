import { fork } from 'node:child_process';
import type { HostReply, HostRequest } from './ocr-host';
import { bundledScript } from '../util/bundled-script';
import { lowerPriority } from './lower-priority';

/** A started OCR host as the pool drives it. Calls after the host is gone do nothing. */
export interface OcrHostHandle {
  /** The host's process id, once known (benchmarks read its memory, tests kill it). */
  readonly pid: number | undefined;
  send(request: HostRequest): void;
  /** Ask the host to finish: it closes its workers and exits. */
  stop(): void;
  /** End it now, for a host that does not stop. */
  kill(): void;
}

export interface OcrHostListeners {
  readonly onReply: (reply: HostReply) => void;
  /** The host is gone (stopped, crashed or killed); `reason` is for people. Called once. */
  readonly onExit: (reason: string) => void;
}

/**
 * Starts OCR host processes. In plain Node (tests, the CLI, browser mode) that is a child
 * process (`childProcessHostLauncher`); in the desktop app, whose packaged binary cannot run as
 * Node (the RunAsNode fuse is off), the main process forks an Electron utility process and hands
 * the core a message port to it (electron/main/ocr-host-process.ts, host/ocr-host-port.ts).
 */
export interface OcrHostLauncher {
  /** `env` is what the host needs besides the inherited environment (pool size, allocator). */
  launch(env: Readonly<Record<string, string>>, listeners: OcrHostListeners): OcrHostHandle;
}

/** The OCR host as a Node child process: an IPC channel, stopped by disconnecting it. */
export const childProcessHostLauncher: OcrHostLauncher = {
  launch(env, listeners) {
    // Tests running the sources point HPF_DESK_OCR_HOST at a build.
    const child = fork(bundledScript('ocr-host.mjs', 'HPF_DESK_OCR_HOST'), [], {
      env: { ...process.env, ...env },
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    lowerPriority(child.pid);
    child.on('message', listeners.onReply);
    child.once('exit', (code, signal) => listeners.onExit(String(signal ?? code)));
    child.on('error', () => undefined); // 'exit' follows and reports the pages
    return {
      pid: child.pid,
      send: (request) => {
        if (child.connected) child.send(request);
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
