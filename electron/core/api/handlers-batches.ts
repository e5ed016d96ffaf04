import type { HandlerDeps } from '../handler-deps';
import { importPaths } from '../import/import-paths';
import { latestSchemaVersion } from '../store/migration';
import { createBatch, getBatch, listBatches } from '../store/repo/batches';
import { getPage, listPages } from '../store/repo/pages';
import { listRejections } from '../store/repo/source-files';
import { getStation } from '../store/repo/station';
import { verifyStore } from '../verify/verify-store';
import { APP_VERSION } from '../util/app-version';
import { DeskError } from '../errors';
import { holds } from '../auth/access';
import type { Handlers } from './dispatcher';

type BatchHandlers = Pick<
  Handlers,
  | 'station.info'
  | 'batches.list'
  | 'batches.create'
  | 'batches.get'
  | 'pages.list'
  | 'pages.get'
  | 'import.paths'
  | 'rejections.list'
  | 'store.verify'
>;

/** The station, its batches, their pages and imports, and the store check. */
export function createBatchHandlers(deps: HandlerDeps): BatchHandlers {
  const { db } = deps;
  const batchOrThrow = (id: string) => {
    const batch = getBatch(db, id);
    if (!batch) throw new DeskError('not_found', `no batch ${id}`);
    return batch;
  };
  return {
    'station.info': () => ({
      dataDir: deps.dataDir,
      schemaVersion: latestSchemaVersion(),
      station: getStation(db),
      appVersion: APP_VERSION,
    }),
    'batches.list': () => listBatches(db),
    'batches.create': (req) => {
      if (db.prepare('SELECT 1 FROM batches WHERE name = ?').get(req.name)) {
        throw new DeskError('conflict', `a batch named “${req.name}” exists already`);
      }
      const batch = createBatch(db, deps.actor, req);
      deps.emit({ type: 'batch.changed', batchId: batch.id });
      return batch;
    },
    'batches.get': (req) => batchOrThrow(req.id),
    'pages.list': (req) => {
      batchOrThrow(req.batchId);
      return listPages(db, req.batchId);
    },
    'pages.get': (req) => {
      const page = getPage(db, req.id);
      if (!page) throw new DeskError('not_found', `no page ${req.id}`);
      return page;
    },
    'import.paths': (req, call) => {
      const batch = batchOrThrow(req.batchId);
      if (batch.state !== 'open') throw new DeskError('conflict', `batch ${batch.name} is closed`);
      return importPaths(deps, batch.id, req.paths, { folders: holds(call.user, 'import.folders') });
    },
    'rejections.list': (req) => listRejections(db, batchOrThrow(req.batchId).id),
    'store.verify': () => verifyStore(db, deps.blobs),
  };
}
