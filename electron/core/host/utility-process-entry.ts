import type { ApiResult, CoreEvent } from '../../../shared/contract';
import type { Core } from '../core-api';
import type { DeskSession } from '../auth/access';
import { openCore } from '../open-core';
import { keychainSource } from '../store/keys/kek-source';
import { defaultKekSources } from '../store/keys/default-sources';
import { hostCredentials, type CredentialAnswer, type CredentialRequest } from './host-credentials';
import { ocrHostPorts, type HostPort, type OcrHostPortAnswer, type OcrHostPortRequest } from './ocr-host-port';

/**
 * Entry of the core when the desktop shell runs it in an Electron utility process: a plain Node
 * environment that talks to the main process through `process.parentPort`. The core itself knows
 * nothing of Electron; this file only relays messages, so it does not import 'electron' either.
 */

/** Messages from the main process. */
export type HostRequest =
  /** storeKek: the keychain's key-encryption key for the store (base64), or null where there is no keychain. */
  | { readonly type: 'init'; readonly dataDir: string; readonly storeKek: { readonly id: string; readonly key: string } | null }
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly request: unknown; readonly session: string }
  | { readonly type: 'shutdown' }
  /**
   * A piece of a stored object for the shell's hpf-blob: protocol (objects are encrypted: only the
   * core reads them), asked piece by piece so no object is ever whole in either process.
   */
  | { readonly type: 'blob'; readonly id: number; readonly sha256: string; readonly start: number; readonly length: number }
  | CredentialAnswer
  | OcrHostPortAnswer;

/** Messages to the main process. */
export type HostReply =
  | { readonly type: 'ready' }
  | { readonly type: 'init-failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: ApiResult<unknown> }
  | { readonly type: 'event'; readonly event: CoreEvent }
  /** The piece and the object's size, or null when the store holds none by that hash (or it does not decrypt). */
  | { readonly type: 'blob'; readonly id: number; readonly piece: { readonly size: number; readonly bytes: Uint8Array } | null }
  | CredentialRequest
  | OcrHostPortRequest;

/** The part of Electron's `ParentPort` used here, declared locally to keep 'electron' out of the core. */
interface ParentPort {
  on(event: 'message', listener: (message: { readonly data: unknown; readonly ports?: readonly HostPort[] }) => void): unknown;
  postMessage(message: HostReply): void;
}

/** Exhaustiveness check that only logs at run time: a stray message must not kill the core. */
function ignoreUnexpected(value: never): void {
  console.error('[core-host] unexpected message:', value);
}

function isHostRequest(value: unknown): value is HostRequest {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function run(port: ParentPort): void {
  let core: Promise<Core> | null = null;
  // Sync keys live in the main process's keychain; the core asks for them when it needs them.
  const keychain = hostCredentials((request) => port.postMessage(request));
  // The OCR host and the media decoders are utility processes, which only the main process can start.
  const ocrHosts = ocrHostPorts((request) => port.postMessage(request));
  // One session per window (the main process names it): who signed in there acts there.
  const sessions = new Map<string, DeskSession>();

  const send = (reply: HostReply) => {
    try {
      port.postMessage(reply);
    } catch (err) {
      // A value the structured clone cannot carry must not leave the caller waiting forever.
      if (reply.type !== 'result') throw err;
      port.postMessage({
        type: 'result',
        id: reply.id,
        result: { ok: false, error: { code: 'internal', message: `result not transferable: ${errorMessage(err)}` } },
      });
    }
  };

  const init = (dataDir: string, storeKek: Extract<HostRequest, { type: 'init' }>['storeKek']) => {
    if (core) return;
    // The keychain first, so a store the app creates is wrapped for it; a store made by the CLI opens with the key file.
    const keys = storeKek ? [keychainSource(storeKek.id, Buffer.from(storeKek.key, 'base64')), ...defaultKekSources()] : defaultKekSources();
    core = openCore({ dataDir, credentials: keychain.provider, ocrHost: ocrHosts.launcher('ocr-host'), mediaHost: ocrHosts.launcher('media-worker'), keys });
    core.then(
      (opened) => {
        opened.subscribe((event) => send({ type: 'event', event }));
        send({ type: 'ready' });
      },
      (err: unknown) => {
        // Opening fails for reasons a restart will not fix (locked or newer database): say so and stop.
        console.error('[core-host] could not open the core:', err);
        send({ type: 'init-failed', message: errorMessage(err) });
        process.exit(2);
      },
    );
  };

  const call = async (id: number, method: string, request: unknown, sessionKey: string) => {
    let result: ApiResult<unknown>;
    try {
      if (!core) throw new Error('core not initialised');
      const opened = await core;
      const session = sessions.get(sessionKey) ?? opened.newSession();
      sessions.set(sessionKey, session);
      result = await opened.dispatch(method, request, session);
    } catch (err) {
      result = { ok: false, error: { code: 'internal', message: errorMessage(err) } };
    }
    send({ type: 'result', id, result });
  };

  const blob = async (id: number, sha256: string, start: number, length: number) => {
    let piece: { size: number; bytes: Uint8Array } | null = null;
    try {
      piece = core ? await (await core).readBlobPiece(sha256, start, length) : null;
    } catch (err) {
      console.error(`[core-host] object ${sha256} could not be read:`, errorMessage(err));
    }
    send({ type: 'blob', id, piece });
  };

  const shutdown = async () => {
    try {
      if (core) await (await core).close();
    } catch (err) {
      console.error('[core-host] close failed:', err);
    } finally {
      process.exit(0);
    }
  };

  port.on('message', ({ data, ports }) => {
    if (!isHostRequest(data)) return;
    switch (data.type) {
      case 'init':
        init(data.dataDir, data.storeKek);
        return;
      case 'call':
        void call(data.id, data.method, data.request, String(data.session));
        return;
      case 'shutdown':
        void shutdown();
        return;
      case 'blob':
        void blob(data.id, data.sha256, data.start, data.length);
        return;
      case 'credentials-result':
        keychain.answer(data);
        return;
      case 'ocr-host-port':
      case 'ocr-host-exit':
        ocrHosts.answer(data, ports?.[0]);
        return;
      default:
        ignoreUnexpected(data);
    }
  });
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('utility-process-entry: no parentPort; this file runs only inside an Electron utility process');
  process.exit(1);
}
run(port);
