import { useCallback, useEffect, useState } from 'react';
import type { FourChecksReport, SyncStatus } from '../../../shared/contract';
import { isDeskCallError, type CallErrorCode } from '../api/call-error';
import { applySyncEvent } from './sync-view';
import { useClient } from '../state/desk-context';

// Also reloaded on a timer: a `hpf-desk sync` running beside the app moves batches without
// sending this window any events.
const RELOAD_MS = 3000;

export interface SyncCallError {
  readonly code: CallErrorCode;
  readonly message: string;
}

/** The sync status, kept fresh while the view is open, and the calls its buttons make. */
export function useSyncStatus() {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  // Shown inside the view: the notice bar is behind the modal.
  const [error, setError] = useState<SyncCallError | null>(null);

  const fail = useCallback((err: unknown) => {
    setError(isDeskCallError(err) ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) });
  }, []);

  const call = useCallback(async (run: () => Promise<SyncStatus>) => {
    try {
      setStatus(await run());
      setError(null);
    } catch (err) {
      fail(err);
    }
  }, [fail]);

  useEffect(() => {
    const controller = new AbortController();
    const reload = () => void call(() => client.call('sync.status', {}));
    reload();
    const timer = setInterval(reload, RELOAD_MS);
    client.onEvent((event) => {
      if (event.type === 'sync.progress') setStatus((s) => applySyncEvent(s, event));
      if (event.type === 'batch.changed') reload();
    }, controller.signal);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [client, call]);

  return {
    status,
    error,
    pause: (batchId?: string) => void call(() => client.call('sync.pause', batchId ? { batchId } : {})),
    resume: (batchId?: string) => void call(() => client.call('sync.resume', batchId ? { batchId } : {})),
    retry: (batchId: string) => void call(() => client.call('sync.retry', { batchId })),
    runNow: () => void call(() => client.call('sync.run', {})),
    /** The batch's latest 四性检测 report, or null (the error is shown) when there is none. */
    loadReport: async (batchId: string): Promise<FourChecksReport | null> => {
      try {
        return await client.call('sync.report', { batchId });
      } catch (err) {
        fail(err);
        return null;
      }
    },
  };
}
