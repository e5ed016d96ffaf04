import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { CoreEvent } from '../../shared/contract';
import { createDispatcher } from './api/dispatcher';
import { createHandlers, type HandlerDeps } from './api/handlers';
import type { Core, CoreOptions } from './core-api';
import { BlobStore } from './files/blob-store';
import { MediaPool } from './media/media-pool';
import { openDatabase } from './store/open-database';
import { ensureStation } from './store/repo/station';

export const DATABASE_FILE = 'desk.sqlite';

/** The core's parts, for in-process users (the CLI) that need more than the API. */
export interface CoreContext extends HandlerDeps {
  subscribe(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
}

export async function openCoreContext(options: CoreOptions): Promise<CoreContext> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const blobs = new BlobStore(dataDir);
  await blobs.init();
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  try {
    ensureStation(db, { name: options.stationName ?? os.hostname(), fonds: options.fonds ?? 'J001' });
  } catch (err) {
    db.close();
    throw err;
  }
  const pool = new MediaPool(options.workers);
  const events = new EventEmitter();
  events.setMaxListeners(100);
  return {
    db,
    blobs,
    pool,
    dataDir,
    actor: options.actor ?? os.userInfo().username,
    emit: (event) => events.emit('event', event),
    subscribe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    async close() {
      await pool.close();
      db.close();
      await blobs.dispose();
    },
  };
}

/** Open the workstation core on a data directory: the store, the media workers and the API. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const ctx = await openCoreContext(options);
  const dispatch = createDispatcher(createHandlers(ctx), (err) => console.error('[core] internal error:', err));
  return {
    dataDir: ctx.dataDir,
    dispatch,
    subscribe: ctx.subscribe,
    blobPath: (sha256) => ctx.blobs.pathOf(sha256),
    close: ctx.close,
  };
}
