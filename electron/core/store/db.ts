import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * A connection to the store's database. Its own module so the layers that only pass a connection
 * around (the audit log, which `openDatabase` binds to the station key) need not import the opener.
 */
export type Db = Database.Database;
