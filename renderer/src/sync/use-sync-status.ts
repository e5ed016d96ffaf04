import { useCallback } from 'react';
import type { CoreEvent, FourChecksReport, SyncStatus } from '../../../shared/contract';
import { useClient } from '../state/desk-context';
import { usePolledStatus, type StatusUpdates } from '../ui/use-polled-status';
import { applySyncEvent } from './sync-view';

// Also reloaded on a timer: a `hpf-desk sync` running beside the app moves batches without
// sending this window any events.
const RELOAD_MS = 3000;

function onSyncEvent(event: CoreEvent, { reload, setStatus }: StatusUpdates<SyncStatus>): void {
  if (event.type === 'sync.progress') setStatus((s) => applySyncEvent(s, event));
  if (event.type === 'batch.changed') reload();
}

/** The sync status, kept fresh while the view is open, and the calls its buttons make. */
export function useSyncStatus() {
  const client = useClient();
  const load = useCallback(() => client.call('sync.status', {}), [client]);
  const { status, error, call, fail } = usePolledStatus({ load, everyMs: RELOAD_MS, onEvent: onSyncEvent });

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
