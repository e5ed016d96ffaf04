import type { Migration } from '../migration';

/**
 * Station users and their roles (DOMAIN: the administrator manages users and roles). Passwords
 * and PINs are stored only as scrypt hashes with a salt of their own. Users are disabled, never
 * deleted: audit events name them for decades. Failed sign-ins are counted so a 4-digit PIN
 * cannot be tried through.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'users',
  up: `
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 40),
      role TEXT NOT NULL CHECK (role IN ('clerk', 'archivist', 'qc', 'admin')),
      password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
      disabled_at TEXT,
      failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
      locked_until TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
