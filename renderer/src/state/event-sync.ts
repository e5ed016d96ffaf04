import type { CoreEvent } from '../../../shared/contract';
import { throttle, type Throttled } from '../ui/throttle';
import type { ActionContext } from './action-context';
import type { BatchActions } from './batch-actions';
import type { CaptureActions } from './capture-actions';
import type { ImportActions } from './import-actions';

// Pages appear while an import runs; reloading the full list more often than this would spend
// more time parsing than the clerk gains from seeing thumbnails a second earlier.
const PAGES_REFRESH_MS = 1500;
const BATCHES_REFRESH_MS = 1000;

/**
 * Keep the screen in step with the core: import events drive progress, change events refresh
 * lists. After the event stream reconnects everything is reloaded, since events sent while it
 * was down are lost.
 */
export function startEventSync(
  ctx: ActionContext,
  batches: BatchActions,
  imports: ImportActions,
  signal: AbortSignal,
  capture: Pick<CaptureActions, 'handleScanEvent'>,
): void {
  const { client, store } = ctx;
  const refreshBatches = throttle(() => void batches.refreshBatches(), BATCHES_REFRESH_MS);
  const pageRefreshers = new Map<string, Throttled>();
  const refreshPages = (batchId: string) => {
    if (store.getState().currentBatchId !== batchId) return;
    let run = pageRefreshers.get(batchId);
    if (!run) {
      run = throttle(() => void batches.reloadPages(batchId), PAGES_REFRESH_MS);
      pageRefreshers.set(batchId, run);
    }
    run();
  };

  const onEvent = (event: CoreEvent) => {
    switch (event.type) {
      case 'import.started':
        imports.handleImportEvent(event);
        return;
      case 'import.progress':
        imports.handleImportEvent(event);
        if (event.outcome === 'imported') refreshPages(event.batchId);
        return;
      case 'import.finished':
        imports.handleImportEvent(event);
        // The final state must show at once, not after a throttle pause.
        pageRefreshers.get(event.batchId)?.cancel();
        if (store.getState().currentBatchId === event.batchId) void batches.reloadPages(event.batchId);
        void batches.refreshBatches();
        return;
      case 'batch.changed':
        refreshBatches();
        refreshPages(event.batchId);
        return;
      case 'scan.started':
      case 'scan.page':
      case 'scan.finished':
        capture.handleScanEvent(event);
        return;
    }
  };

  let wasConnected = true;
  const onConnection = (connected: boolean) => {
    store.setState({ connected });
    if (connected && !wasConnected) {
      void batches.refreshBatches();
      const current = store.getState().currentBatchId;
      if (current) {
        void batches.reloadPages(current);
        void batches.reloadRejections(current);
      }
    }
    wasConnected = connected;
  };

  client.onEvent(onEvent, signal);
  client.onCommand((command) => {
    switch (command.type) {
      case 'batch.new':
        return store.setState({ dialog: 'new-batch' });
      case 'import.paths':
        return void imports.importPaths(command.paths);
    }
  }, signal);
  client.onConnection(onConnection, signal);
  signal.addEventListener('abort', () => {
    refreshBatches.cancel();
    pageRefreshers.forEach((run) => run.cancel());
  });
}
