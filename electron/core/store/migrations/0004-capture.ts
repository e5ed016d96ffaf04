import type { Migration } from '../migration';

/**
 * Capture: page fingerprints for the duplicate check (exact pixels and a perceptual hash), the
 * station's scanner profiles, scan sessions (one per scan started, continued after a fault), and
 * which captured original came from which session, sheet and side.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'capture',
  up: `
    CREATE TABLE page_fingerprints (
      page_id TEXT PRIMARY KEY REFERENCES pages(id),
      batch_id TEXT NOT NULL REFERENCES batches(id),
      pixel_sha256 TEXT NOT NULL CHECK (length(pixel_sha256) = 64),
      signature BLOB NOT NULL CHECK (length(signature) = 256),
      blank INTEGER NOT NULL CHECK (blank IN (0, 1))
    ) STRICT;
    CREATE INDEX page_fingerprints_pixels ON page_fingerprints(batch_id, pixel_sha256);
    CREATE INDEX page_fingerprints_batch ON page_fingerprints(batch_id, blank);

    -- Settings are the contract's ScanSettings as JSON, validated when read.
    CREATE TABLE scan_profiles (
      id TEXT PRIMARY KEY,
      station_id TEXT NOT NULL REFERENCES station(id),
      name TEXT NOT NULL,
      hotkey INTEGER CHECK (hotkey BETWEEN 1 AND 9),
      settings TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (station_id, name),
      UNIQUE (station_id, hotkey)
    ) STRICT;

    CREATE TABLE scan_sessions (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      settings TEXT NOT NULL,
      actor TEXT NOT NULL,
      -- The process running the session: a 'scanning' session whose process is gone was interrupted.
      pid INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('scanning', 'done', 'failed', 'cancelled', 'interrupted')),
      error_code TEXT,
      error_message TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT
    ) STRICT;
    CREATE INDEX scan_sessions_batch ON scan_sessions(batch_id, started_at);

    -- seq numbers a session's captures in order; unique, so a retried commit cannot add a page twice.
    CREATE TABLE captured_files (
      source_file_id TEXT PRIMARY KEY REFERENCES source_files(id),
      session_id TEXT NOT NULL REFERENCES scan_sessions(id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      sheet INTEGER,
      side TEXT CHECK (side IN ('front', 'back')),
      captured_at TEXT NOT NULL,
      UNIQUE (session_id, seq)
    ) STRICT;
  `,
};
