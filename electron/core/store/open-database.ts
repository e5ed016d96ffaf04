import Database from 'better-sqlite3';
import { migrate } from './migration';

export type Db = Database.Database;

/** Open (or create) the store's database in WAL mode with the pragmas every connection needs. */
export function openDatabase(file: string): Db {
  // Inside Electron (npm start) the native module must be the copy built for Electron's ABI.
  const nativeBinding = process.env.HPF_DESK_SQLITE_BINDING;
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a commit reported to the user survives power loss, not only a process crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Other processes (the CLI beside the app) may hold the write lock briefly.
    db.pragma('busy_timeout = 10000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
