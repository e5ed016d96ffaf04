import type { CoreEvent, MethodName, RequestOf, ResponseOf } from '../../../shared/contract';
import { toCallError, unwrapResult } from './call-error';
import { parseCoreEvent } from './core-event';
import type { DeskBridge } from './desk-bridge';
import type { ClientFileFailure, DeskClient } from './desk-client';

/** Transport inside the Electron shell: everything goes through the preload's `hpfDesk`. */
export function createElectronClient(bridge: DeskBridge): DeskClient {
  async function call<K extends MethodName>(method: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    let result;
    try {
      result = await bridge.call(method, request);
    } catch (err) {
      throw toCallError(method, err);
    }
    return unwrapResult<ResponseOf<K>>(method, result);
  }

  return {
    mode: 'electron',
    call,
    onEvent(listener: (event: CoreEvent) => void, signal?: AbortSignal) {
      if (signal?.aborted) return;
      const off = bridge.onEvent((raw) => {
        const event = parseCoreEvent(raw);
        if (event) listener(event);
      });
      signal?.addEventListener('abort', off, { once: true });
    },
    blobUrl: (sha256) => bridge.blobUrl(sha256),
    async importFiles(batchId, files, onTransfer) {
      const paths: string[] = [];
      const failures: ClientFileFailure[] = [];
      for (const file of files) {
        const path = bridge.pathForFile(file);
        // Files without a disk path (e.g. dragged out of another app) cannot be read by the core.
        if (path) paths.push(path);
        else failures.push({ file: file.name, code: 'no_local_path', message: file.name });
      }
      onTransfer?.({ done: files.length, total: files.length, file: null });
      if (paths.length === 0) return { result: null, failures };
      try {
        return { result: await call('import.paths', { batchId, paths }), failures };
      } catch (error) {
        return { result: null, failures, error };
      }
    },
    onCommand(listener, signal) {
      if (signal?.aborted || !bridge.onCommand) return;
      const off = bridge.onCommand(listener);
      signal?.addEventListener('abort', off, { once: true });
    },
    // IPC has no connection to lose.
    onConnection(listener, signal) {
      if (!signal?.aborted) listener(true);
    },
  };
}
