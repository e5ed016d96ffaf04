import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { CoreEvent, MethodName } from '../../shared/contract';
import { createDispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import type { HandlerDeps } from './handler-deps';
import type { Core, CoreOptions } from './core-api';
import { BlobStore, readObject, readPiece } from './files/blob-store';
import { encryptObjectsInPlace } from './files/encrypt-objects-in-place';
import { suiteFromEnv } from './files/crypto-suite';
import { objectKeys } from './files/object-cipher';
import { MediaPool } from './media/media-pool';
import { openStore } from './store/open-store';
import { DATABASE_FILE } from './store/database-file';
import { openDatabase, type Db } from './store/open-database';
import { defaultKekSources } from './store/keys/default-sources';
import type { DataKey } from './store/keys/store-key-record';
import { ensureStation } from './store/repo/station';
import { environmentCredentials } from './sync/credentials';
import { SyncService } from './sync/sync-service';
import { ScanRunner } from './capture/scan-runner';
import { OcrService } from './ocr/ocr-service';
import { BarcodeReader } from './separators/barcode-reader';
import { CallerScope } from './auth/caller-scope';
import { admit, authorizeRequest, newSession } from './auth/access';

export { DATABASE_FILE } from './store/database-file';

/** The core's parts, for in-process users (the CLI) that need more than the API. */
export interface CoreContext extends HandlerDeps {
  /** The store's unwrapped data key, for the administrator's tools (backup, key export). */
  readonly dataKey: DataKey;
  subscribe(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
}

export async function openCoreContext(options: CoreOptions): Promise<CoreContext> {
  const dataDir = path.resolve(options.dataDir);
  const { db, dataKey, crypto } = await openStore(dataDir, options.keys ?? defaultKekSources(), options.crypto ?? suiteFromEnv());
  const blobs = new BlobStore(dataDir, objectKeys(dataKey, crypto));
  return assemble(options, dataDir, db, blobs, { dataKey });
}

/**
 * The same parts on a plaintext store (no key record, clear database and objects), for the bench
 * only: it times the same work with and without encryption on one machine in one run. Never for
 * a station's data: nothing else opens a store this way.
 */
export async function openPlaintextBenchContext(options: Omit<CoreOptions, 'keys'>): Promise<Omit<CoreContext, 'dataKey'>> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(path.join(dataDir, DATABASE_FILE), { key: null });
  return assemble(options, dataDir, db, new BlobStore(dataDir, null), {});
}

/**
 * The context's parts around an opened store. `extra` goes into the one object literal: spreading
 * the finished context into another object would freeze its `actor` getter into the OS user, and
 * every event would then be recorded as the station's, not the signed-in caller's.
 */
async function assemble<E extends object>(options: CoreOptions, dataDir: string, db: Db, blobs: BlobStore, extra: E): Promise<Omit<CoreContext, 'dataKey'> & E> {
  try {
    await blobs.init();
    // A store of an earlier version keeps its objects in plaintext until this has run once.
    if (blobs.keys) await encryptObjectsInPlace(blobs);
    ensureStation(db, { ...(options.stationId ? { id: options.stationId } : {}), name: options.stationName ?? os.hostname(), fonds: options.fonds ?? 'J001' });
  } catch (err) {
    db.close();
    throw err;
  }
  const pool = new MediaPool({ size: options.workers, stepTimeLimitMs: options.mediaStepTimeLimitMs, ...(options.mediaHost ? { launcher: options.mediaHost } : {}) });
  const events = new EventEmitter();
  events.setMaxListeners(100);
  // Calls run as their signed-in user; what no one asked for (the background sender) runs as the OS user.
  const callers = new CallerScope(options.actor ?? os.userInfo().username);
  const emit = (event: CoreEvent) => void events.emit('event', event);
  // Created with every context, started only by openCore (the app): CLI commands never send by themselves.
  const credentials = options.credentials ?? environmentCredentials();
  const sync = new SyncService({ db, blobs, emit, credentials, get actor() { return callers.actor(); } });
  const scans = new ScanRunner({ db, pool, blobs, emit, get actor() { return callers.actor(); } });
  // Its workers start on the first job; openCore (the app) and `hpf-desk ocr` start it.
  const ocr = new OcrService({ db, blobs, emit, ocrHost: options.ocrHost });
  // Separator/cover sheet barcodes are read in a worker started on first use.
  const barcodes = new BarcodeReader();
  return {
    ...extra,
    db,
    blobs,
    pool,
    dataDir,
    get actor() {
      return callers.actor();
    },
    callers,
    emit,
    credentials,
    sync,
    scans,
    ocr,
    barcodes,
    subscribe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    async close() {
      await sync.stop();
      await scans.close();
      await ocr.close();
      await barcodes.close();
      await pool.close();
      db.close();
      await blobs.dispose();
    },
  };
}

/** Open the workstation core on a data directory: the store, the media workers and the API. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const ctx = await openCoreContext(options);
  ctx.sync.start();
  // Every imported page is read in the background (tests of other parts switch it off).
  if (options.backgroundOcr ?? process.env.HPF_DESK_BACKGROUND_OCR !== 'off') ctx.ocr.start({ auto: true });
  const guard = {
    admit: (method: MethodName, session: Parameters<typeof admit>[2]) => admit(ctx.db, method, session),
    authorize: authorizeRequest,
    runAs: ctx.callers.run.bind(ctx.callers),
  };
  const dispatch = createDispatcher(createHandlers(ctx), guard, (err) => console.error('[core] internal error:', err));
  return {
    dataDir: ctx.dataDir,
    dispatch,
    newSession,
    subscribe: ctx.subscribe,
    readBlob: (sha256) => readObject(ctx.blobs, sha256),
    readBlobPiece: (sha256, start, length) => readPiece(ctx.blobs, sha256, start, length),
    close: ctx.close,
  };
}
