import type { ApiResult, CancelSignal, CoreEvent, MethodName, RequestOf, ResponseOf } from '../../../shared/contract';
import { DeskCallError, toCallError, unwrapResult } from './call-error';
import type { DeskClient } from './desk-client';
import { eventSocketUrl, openEventSocket, type EventSocket } from './event-socket';
import type { PageKeys } from './page-keys';
import { PAGE_KEY_HEADER } from '../../../shared/contract';
import { uploadFiles } from './upload-files';

/**
 * Transport for a normal browser talking to the loopback bridge on the same origin. The auth
 * cookies are HttpOnly and already set; beside them every request carries the page's key
 * (page-keys.ts), without which the bridge refuses it. A page opened without the entry link has
 * no keys, and the bridge's refusal tells the clerk to open the link.
 */
export function createBrowserClient(location: Pick<Location, 'protocol' | 'host'>, keys: PageKeys | null): DeskClient {
  const eventListeners = new Set<(event: CoreEvent) => void>();
  const statusListeners = new Set<(connected: boolean) => void>();
  const keyHeader: Record<string, string> = keys ? { [PAGE_KEY_HEADER]: keys.pageKey } : {};
  let connected = false;
  let socket: EventSocket | null = null;
  // The bridge streams events only to a signed-in page: the socket follows the session.
  let signedIn = false;

  const setStatus = (value: boolean) => {
    connected = value;
    statusListeners.forEach((listener) => listener(value));
  };
  const syncSocket = () => {
    if (signedIn && eventListeners.size + statusListeners.size > 0) {
      socket ??= openEventSocket(eventSocketUrl(location, keys?.pageKey ?? ''), {
        onEvent: (event) => eventListeners.forEach((listener) => listener(event)),
        onStatus: setStatus,
      });
    } else if (!signedIn && socket) {
      socket.close();
      socket = null;
      setStatus(false);
    }
  };

  async function call<K extends MethodName>(method: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    let result: ApiResult<unknown>;
    try {
      const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...keyHeader },
        body: JSON.stringify(request),
      });
      result = await readResult(method, response);
    } catch (err) {
      throw toCallError(method, err);
    }
    if (result.ok && method.startsWith('session.')) {
      signedIn = (result.value as { user: unknown }).user !== null;
      syncSocket();
    }
    return unwrapResult<ResponseOf<K>>(method, result);
  }

  const subscribe = <T>(set: Set<T>, listener: T, signal?: CancelSignal) => {
    if (signal?.aborted) return;
    set.add(listener);
    signal?.addEventListener('abort', () => set.delete(listener), { once: true });
    syncSocket();
  };

  return {
    mode: 'browser',
    call,
    onEvent: (listener, signal) => subscribe(eventListeners, listener, signal),
    onConnection(listener, signal) {
      subscribe(statusListeners, listener, signal);
      listener(connected);
    },
    // A browser has no application menu.
    onCommand: () => undefined,
    blobUrl: (sha256) => `/blob/${sha256}?k=${encodeURIComponent(keys?.blobKey ?? '')}`,
    async importFiles(batchId, files, onTransfer) {
      // One upload pass, then one import call: the core reports one progress stream for the lot.
      const { paths, failures } = await uploadFiles(files, keyHeader, onTransfer);
      if (paths.length === 0) return { result: null, failures };
      try {
        return { result: await call('import.paths', { batchId, paths: [...paths] }), failures };
      } catch (error) {
        return { result: null, failures, error };
      }
    },
  };
}

/** The bridge answers errors with an ApiResult too; anything else (proxy page, crash) is network. */
async function readResult(method: MethodName, response: Response): Promise<ApiResult<unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new DeskCallError(method, 'network', `HTTP ${response.status} ${response.statusText}`.trim());
  }
  if (typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean') {
    return body as ApiResult<unknown>;
  }
  throw new DeskCallError(method, 'network', `HTTP ${response.status}: unexpected answer`);
}
