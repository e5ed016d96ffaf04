import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiResult, CoreEvent } from '../../shared/contract';
import type { CredentialRequest } from '../core/host/host-credentials';
import type { HostReply, HostRequest } from '../core/host/utility-process-entry';
import { PACKAGED_ENV } from '../core/util/dev-override';
import type { CredentialVault } from './credential-vault';
import type { KeychainKek } from './store-kek';
import { ocrHostProcesses, type OcrHostProcesses } from './ocr-host-process';

export interface CoreHostOptions {
  /** Path of the built utility-process entry (dist/core/utility-process.mjs). */
  readonly entry: string;
  /** Path of the built OCR host (dist/core/ocr-host.mjs), forked when the core asks for one. */
  readonly ocrHostEntry: string;
  /** Path of the built media decoder process (dist/core/media-worker.mjs), forked likewise. */
  readonly mediaWorkerEntry: string;
  /** Installed (Electron's app.isPackaged): the core then ignores development path overrides. */
  readonly packaged: boolean;
  readonly dataDir: string;
  /** The store's key-encryption key from the OS keychain, or null (the core then uses the user's key file). */
  readonly storeKek: KeychainKek | null;
  readonly onEvent: (event: CoreEvent) => void;
  /** The core cannot run: opening it failed, or it crashed again after its one restart. */
  readonly onFatal: (message: string) => void;
  /** Keeps the sync keys the core asks for (safeStorage in the app). */
  readonly credentials: CredentialVault;
  /** A fresh core process after a crash: it knows no session, every window is signed out. */
  readonly onRestart?: () => void;
}

/** A piece of a stored object's plaintext, read by the core, and the object's whole size. */
export interface BlobPiece {
  readonly size: number;
  readonly bytes: Uint8Array;
}

/** The core as the main process sees it: the same `dispatch` as in-process, across a process boundary. */
export interface CoreHost {
  /** `session` names the caller's connection (a window); the core keeps one sign-in per session. */
  dispatch(method: string, request: unknown, session: string): Promise<ApiResult<unknown>>;
  /** `length` bytes (at most the core's piece size) of a stored object from `start`, with its whole size; null when there is none. */
  readBlob(sha256: string, start: number, length: number): Promise<BlobPiece | null>;
  /** Asks the core to close its store and waits for the process to end. */
  close(): Promise<void>;
}

/** A crash (not a failed open) gets one fresh process; a second crash means something is wrong. */
const MAX_RESTARTS = 1;
/**
 * A core that ran this long before it crashed earns its allowance back: a crash on one bad file
 * in the afternoon is a new incident, not the same crash loop as one in the morning.
 */
const STABLE_RUN_MS = 10 * 60_000;
/** Closing finishes the current write and the media workers; after this the process is killed. */
const CLOSE_TIMEOUT_MS = 15_000;

interface Pending {
  readonly resolve: (result: ApiResult<unknown>) => void;
  readonly reject: (err: Error) => void;
}

type HostState = { readonly kind: 'running' } | { readonly kind: 'closing' } | { readonly kind: 'failed'; readonly message: string };

/**
 * Runs the core in an Electron utility process, so SQLite, hashing and image work never block
 * the main process (and with it every window). No timeouts on calls: an import of thousands of
 * files legitimately takes minutes. Calls in flight fail when the process exits.
 */
export function startCoreHost(options: CoreHostOptions): CoreHost {
  const pending = new Map<number, Pending>();
  const blobsPending = new Map<number, (piece: BlobPiece | null) => void>();
  let nextId = 1;
  let restarts = 0;
  let state: HostState = { kind: 'running' };
  let child: UtilityProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const post = (proc: UtilityProcess, message: HostRequest) => proc.postMessage(message);
  // Every process started from here learns whether the app is installed, and passes it on.
  const env: NodeJS.ProcessEnv = options.packaged ? { ...process.env, [PACKAGED_ENV]: '1' } : { ...process.env };

  const failPending = (reason: string) => {
    for (const entry of pending.values()) entry.reject(new Error(reason));
    pending.clear();
    for (const answer of blobsPending.values()) answer(null);
    blobsPending.clear();
  };

  /** Answer the core from the keychain; the plain keys cross only this process boundary. */
  const answerCredentials = async (proc: UtilityProcess, request: CredentialRequest) => {
    const vault = options.credentials;
    try {
      let value: Awaited<ReturnType<CredentialVault['get']>> = null;
      if (request.op === 'get') value = await vault.get(request.target);
      else if (request.op === 'save') await vault.save(request.target, request.credentials);
      else await vault.remove(request.target);
      post(proc, { type: 'credentials-result', id: request.id, ok: true, value });
    } catch (err) {
      post(proc, { type: 'credentials-result', id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  };

  const onReply = (proc: UtilityProcess, ocrHosts: OcrHostProcesses, message: HostReply, initFailure: (message: string) => void) => {
    switch (message.type) {
      case 'ready':
        return;
      case 'init-failed':
        initFailure(message.message);
        return;
      case 'result': {
        const entry = pending.get(message.id);
        pending.delete(message.id);
        entry?.resolve(message.result);
        return;
      }
      case 'event':
        options.onEvent(message.event);
        return;
      case 'blob':
        blobsPending.get(message.id)?.(message.piece);
        blobsPending.delete(message.id);
        return;
      case 'credentials':
        void answerCredentials(proc, message);
        return;
      case 'ocr-host-launch':
      case 'ocr-host-kill':
        ocrHosts.handle(message);
        return;
      default:
        ignoreUnexpected(message);
    }
  };

  const spawn = () => {
    const proc = utilityProcess.fork(options.entry, [], { serviceName: 'HPF Archive Desk Core', stdio: 'inherit', env });
    const ocrHosts = ocrHostProcesses({ entries: { 'ocr-host': options.ocrHostEntry, 'media-worker': options.mediaWorkerEntry }, env, core: proc });
    let openFailure: string | null = null;
    const startedAt = Date.now();
    child = proc;
    exited = new Promise((resolve) => {
      proc.once('exit', (code) => {
        if (child === proc) child = null;
        ocrHosts.killAll();
        failPending(`core process exited (code ${code})`);
        resolve();
        if (state.kind !== 'running') return;
        if (Date.now() - startedAt >= STABLE_RUN_MS) restarts = 0;
        if (openFailure === null && restarts < MAX_RESTARTS) {
          restarts += 1;
          console.error(`[core-host] core exited with code ${code}; restarting`);
          options.onRestart?.();
          spawn();
          return;
        }
        const message = openFailure ?? `core process exited (code ${code}) after a restart`;
        state = { kind: 'failed', message };
        options.onFatal(message);
      });
    });
    proc.on('message', (message: HostReply) =>
      onReply(proc, ocrHosts, message, (failure) => {
        openFailure = failure;
      }),
    );
    const storeKek = options.storeKek && { id: options.storeKek.id, key: options.storeKek.key.toString('base64') };
    post(proc, { type: 'init', dataDir: options.dataDir, storeKek });
  };

  spawn();

  return {
    dispatch(method, request, session) {
      if (state.kind === 'failed') return Promise.reject(new Error(`core unavailable: ${state.message}`));
      if (state.kind === 'closing' || !child) return Promise.reject(new Error('core is shutting down'));
      const proc = child;
      const id = nextId++;
      return new Promise<ApiResult<unknown>>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post(proc, { type: 'call', id, method, request, session });
      });
    },

    readBlob(sha256, start, length) {
      const proc = child;
      if (state.kind !== 'running' || !proc) return Promise.resolve(null);
      const id = nextId++;
      return new Promise<BlobPiece | null>((resolve) => {
        blobsPending.set(id, resolve);
        post(proc, { type: 'blob', id, sha256, start, length });
      });
    },

    async close() {
      if (state.kind === 'closing') return exited;
      state = { kind: 'closing' };
      const proc = child;
      if (!proc) return;
      post(proc, { type: 'shutdown' });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
      });
      const outcome = await Promise.race([exited.then(() => 'exited' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        console.error('[core-host] core did not close in time; killing it');
        proc.kill();
        await exited;
      }
    },
  };
}

/** Exhaustiveness check that only logs at run time: a stray message must not crash the main process. */
function ignoreUnexpected(value: never): void {
  console.error('[core-host] unexpected message from the core:', value);
}
