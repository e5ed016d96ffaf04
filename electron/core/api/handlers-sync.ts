import { configureSync, syncSettingsView } from '../sync/sync-configuration';
import type { SyncService } from '../sync/sync-service';
import { closeBatch } from '../transfer/close-batch';
import { transferReport } from '../transfer/transfer-store';
import { DeskError } from '../errors';
import type { Handlers } from './dispatcher';
import type { HandlerDeps } from '../handler-deps';

type SyncMethods = 'batches.close' | 'sync.status' | 'sync.pause' | 'sync.resume' | 'sync.run' | 'sync.retry' | 'sync.report' | 'sync.settings' | 'sync.configure';

/** The transfer queue's part of the API: closing batches, the sync status view and its controls. */
export function createSyncHandlers(deps: HandlerDeps & { readonly sync: SyncService }): Pick<Handlers, SyncMethods> {
  const { sync } = deps;
  return {
    'batches.close': async (req) => {
      const result = await closeBatch(deps, req.id, req.looseReason ? { looseReason: req.looseReason } : {});
      sync.kick();
      return result;
    },
    'sync.status': () => sync.status(),
    'sync.pause': (req) => sync.pause(req.batchId),
    'sync.resume': (req) => sync.resume(req.batchId),
    'sync.run': () => {
      sync.kick(true);
      return sync.status();
    },
    'sync.retry': (req) => sync.retry(req.batchId),
    'sync.report': (req) => {
      const report = transferReport(deps.db, req.batchId);
      if (!report) throw new DeskError('not_found', `batch ${req.batchId} has no 四性检测 report`);
      return report;
    },
    'sync.settings': () => syncSettingsView(deps),
    'sync.configure': async (req) => {
      const view = await configureSync(deps, req);
      // New target or keys: batches waiting on the old ones are tried at once.
      sync.kick(true);
      return view;
    },
  };
}
