import type { Migration } from '../migration';

/**
 * The station head (站长): a role that reads the whole station's supervision figures and nothing
 * more. A STRICT table's CHECK cannot be altered, so `users` is rebuilt with the wider list and
 * its rows copied as they are (nothing references it by key: events name users by their id text).
 */
export const migration0010: Migration = {
  version: 10,
  name: 'station-head-role',
  up: `
    CREATE TABLE users_next (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 40),
      role TEXT NOT NULL CHECK (role IN ('clerk', 'archivist', 'qc', 'head', 'admin')),
      password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
      disabled_at TEXT,
      failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
      locked_until TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO users_next SELECT id, name, role, password_hash, disabled_at, failed_sign_ins, locked_until, created_at, created_by, updated_at FROM users;
    DROP TABLE users;
    ALTER TABLE users_next RENAME TO users;
  `,
};
