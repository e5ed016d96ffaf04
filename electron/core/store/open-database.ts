import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';
import { migrate } from './migration';
import { devOverride } from '../util/dev-override';
import { bindStationKey, nextEventId } from '../audit/event-log';
import { loadOrCreateStationKey } from '../audit/station-key';

export type { Db } from './db';

/**
 * How the database file is encrypted: a 256-bit raw key (already random, so SQLCipher's
 * passphrase KDF is skipped) or, for stores of earlier versions and for tests of the parts that
 * do not care, `null`: plaintext.
 */
export interface DatabaseKey {
  readonly key: Buffer | null;
}

/**
 * Open (or create) the store's database in WAL mode with the pragmas every connection needs.
 * With a key the file is SQLCipher v4 (AES-256-CBC pages with an HMAC-SHA512 each), the WAL
 * included. A wrong key surfaces here as SQLITE_NOTADB from the first pragma.
 */
export function openDatabase(file: string, { key }: DatabaseKey): Db {
  const db = newConnection(file);
  try {
    if (key) applyKey(db, key);
    db.pragma('journal_mode = WAL');
    // FULL: a commit reported to the user survives power loss, not only a process crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Other processes (the CLI beside the app) may hold the write lock briefly.
    db.pragma('busy_timeout = 10000');
    takeWriteLockFirst(db);
    migrate(db);
    // Every connection to a store's file hashes its audit events with the station's key (kept beside the file).
    if (file !== ':memory:') bindStationKey(db, loadOrCreateStationKey(file, () => nextEventId(db), key));
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** A connection with no pragmas yet (the in-place encryption of an old store needs it bare). */
export function newConnection(file: string, options: { readonly readonly?: boolean } = {}): Db {
  // Inside Electron (npm start) the native module must be the copy built for Electron's ABI;
  // a packaged app has its own, rebuilt by electron-builder.
  const nativeBinding = devOverride('HPF_DESK_SQLITE_BINDING');
  return new Database(file, { ...options, ...(nativeBinding ? { nativeBinding } : {}) });
}

/** Must run before anything reads the file. `key` is our own 32 bytes: the hex cannot inject. */
export function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * Make `db.transaction(fn)()` begin IMMEDIATE. A deferred transaction that reads before it
 * writes cannot be upgraded once another process (the CLI beside the app) has committed in
 * between: SQLite answers SQLITE_BUSY_SNAPSHOT at once, which busy_timeout does not wait out.
 * Taking the write lock up front turns that race into an ordinary wait. `.deferred` stays
 * available for read-only snapshots.
 */
function takeWriteLockFirst(db: Db): void {
  const create = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => {
    const tx = create(fn);
    return Object.assign((...args: unknown[]) => tx.immediate(...args), {
      default: tx.immediate,
      deferred: tx.deferred,
      immediate: tx.immediate,
      exclusive: tx.exclusive,
    });
  }) as Db['transaction'];
}
