import type { CoreEvent } from '../../../shared/contract';
import type { BlobStore } from '../files/blob-store';
import { importPaths } from '../import/import-paths';
import type { MediaPool } from '../media/media-pool';
import type { Db } from '../store/open-database';
import { latestSchemaVersion } from '../store/migration';
import { createBatch, getBatch, listBatches } from '../store/repo/batches';
import { getPage, listPages } from '../store/repo/pages';
import { listRejections } from '../store/repo/source-files';
import { getStation } from '../store/repo/station';
import { verifyStore } from '../verify/verify-store';
import { APP_VERSION } from '../util/app-version';
import type { CredentialProvider } from '../sync/credentials';
import type { SyncService } from '../sync/sync-service';
import { DeskError } from '../errors';
import type { Handlers } from './dispatcher';
import { createSyncHandlers } from './handlers-sync';
import type { ScanRunner } from '../capture/scan-runner';
import { createCaptureHandlers } from './handlers-capture';
import type { OcrService } from '../ocr/ocr-service';
import { createOcrHandlers } from './handlers-ocr';
import type { BarcodeReader } from '../filing/separators/barcode-reader';
import { createFilingHandlers } from './handlers-filing';
import { createBackfileHandlers } from './handlers-backfile';
import { createSearchHandlers } from './handlers-search';
import { createSessionHandlers } from './handlers-session';
import type { CallerScope } from '../auth/caller-scope';

export interface HandlerDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly pool: MediaPool;
  readonly dataDir: string;
  /** The acting user's name (the signed-in caller), read anew at every use: see CallerScope. */
  readonly actor: string;
  readonly callers: CallerScope;
  readonly emit: (event: CoreEvent) => void;
  /** Keys for S3 sync targets (keychain, environment or file). */
  readonly credentials: CredentialProvider;
  /** The background sender of the transfer queue. */
  readonly sync: SyncService;
  /** Scan sessions running in the background for the UI. */
  readonly scans: ScanRunner;
  /** The OCR queue runner (started by the app, by `hpf-desk ocr`). */
  readonly ocr: OcrService;
  /** Reads separator/cover sheet barcodes off the UI thread. */
  readonly barcodes: BarcodeReader;
}

export function createHandlers(deps: HandlerDeps): Handlers {
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
    'import.paths': (req) => {
      const batch = batchOrThrow(req.batchId);
      if (batch.state !== 'open') throw new DeskError('conflict', `batch ${batch.name} is closed`);
      return importPaths(deps, batch.id, req.paths);
    },
    'rejections.list': (req) => listRejections(db, batchOrThrow(req.batchId).id),
    'store.verify': () => verifyStore(db, deps.blobs),
    ...createSyncHandlers(deps),
    ...createCaptureHandlers(deps, deps.scans),
    ...createOcrHandlers(deps),
    ...createFilingHandlers(deps),
    ...createBackfileHandlers(deps),
    ...createSearchHandlers(deps),
    ...createSessionHandlers(db),
  };
}
