import type { ActionContext } from './action-context';
import { createBatchActions } from './batch-actions';
import { createCaptureActions } from './capture-actions';
import { startEventSync } from './event-sync';
import { createImportActions } from './import-actions';
import { createPageEditActions } from './page-edit-actions';
import { createViewActions } from './view-actions';
import { createSessionActions } from './session-actions';

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
  const session = createSessionActions(ctx, async () => {
    await batches.start();
    await capture.loadProfiles();
  });
  return {
    ...batches,
    ...imports,
    ...view,
    ...capture,
    ...pageEdits,
    ...session,
    /** Subscribe to events, then load the session (and, once someone is signed in, the desk); stop by aborting the signal. */
    connect(signal: AbortSignal): void {
      startEventSync(ctx, batches, imports, signal, capture);
      void session.loadSession();
    },
  };
}

export type DeskActions = ReturnType<typeof createDeskActions>;
