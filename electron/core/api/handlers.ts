import type { HandlerDeps } from '../handler-deps';
import type { Handlers } from './dispatcher';
import { createBackfileHandlers } from './handlers-backfile';
import { createBatchHandlers } from './handlers-batches';
import { createCaptureHandlers } from './handlers-capture';
import { createFilingHandlers } from './handlers-filing';
import { createOcrHandlers } from './handlers-ocr';
import { createSearchHandlers } from './handlers-search';
import { createSessionHandlers } from './handlers-session';
import { createStatsHandlers } from './handlers-stats';
import { createSyncHandlers } from './handlers-sync';

/** Every method of the contract, composed from the per-domain slices (each a typed Pick of Handlers). */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createBatchHandlers(deps),
    ...createSyncHandlers(deps),
    ...createCaptureHandlers(deps, deps.scans),
    ...createOcrHandlers(deps),
    ...createFilingHandlers(deps),
    ...createBackfileHandlers(deps),
    ...createSearchHandlers(deps),
    ...createSessionHandlers(deps.db),
    ...createStatsHandlers(deps),
  };
}
