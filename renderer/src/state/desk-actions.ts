import type { ActionContext } from './action-context';
import { createBatchActions } from './batch-actions';
import { createCaptureActions } from './capture-actions';
import { startEventSync } from './event-sync';
import { createImportActions } from './import-actions';
import { createPageEditActions } from './page-edit-actions';
import { createViewActions } from './view-actions';

/** All actions of one app instance, plus `connect` to start following core events. */
export function createDeskActions(ctx: ActionContext) {
  const batches = createBatchActions(ctx);
  const imports = createImportActions(ctx, {
    afterImport: (batchId) => {
      void batches.refreshBatches();
      if (ctx.store.getState().currentBatchId === batchId) void batches.reloadPages(batchId);
    },
  });
  const view = createViewActions(ctx);
  const capture = createCaptureActions(ctx);
  const pageEdits = createPageEditActions(ctx, batches);
  return {
    ...batches,
    ...imports,
    ...view,
    ...capture,
    ...pageEdits,
    /** Subscribe to events, then load; stop by aborting the signal. */
    connect(signal: AbortSignal): void {
      startEventSync(ctx, batches, imports, signal, capture);
      void batches.start();
      void capture.loadProfiles();
    },
  };
}

export type DeskActions = ReturnType<typeof createDeskActions>;
