import type { Migration } from '../migration';

/**
 * The foundation schema. Every table is STRICT; ids are text (ULID-like, sortable);
 * files are content-addressed by SHA-256 and never rewritten.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE station (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      fonds TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE files (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      size INTEGER NOT NULL CHECK (size >= 0),
      mime TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE batches (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('counter', 'backfile')),
      business TEXT,
      state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- One row per original file imported into a batch; the same content once per batch.
    CREATE TABLE source_files (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      sha256 TEXT NOT NULL REFERENCES files(sha256),
      name TEXT NOT NULL,
      original_path TEXT NOT NULL,
      page_count INTEGER NOT NULL,
      imported_at TEXT NOT NULL,
      UNIQUE (batch_id, sha256)
    ) STRICT;

    CREATE TABLE items (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      business TEXT,
      state TEXT NOT NULL DEFAULT 'draft',
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      item_id TEXT REFERENCES items(id),
      source_file_id TEXT REFERENCES source_files(id),
      material TEXT,
      title TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE pages (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      document_id TEXT NOT NULL REFERENCES documents(id),
      source_file_id TEXT NOT NULL REFERENCES source_files(id),
      page_index INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      dpi REAL,
      flags TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      UNIQUE (batch_id, seq),
      UNIQUE (source_file_id, page_index)
    ) STRICT;
    CREATE INDEX pages_document ON pages(document_id);

    CREATE TABLE derivatives (
      id TEXT PRIMARY KEY,
      page_id TEXT NOT NULL REFERENCES pages(id),
      kind TEXT NOT NULL CHECK (kind IN ('image', 'thumbnail')),
      sha256 TEXT NOT NULL REFERENCES files(sha256),
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      mime TEXT NOT NULL,
      steps TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (page_id, kind)
    ) STRICT;

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
      priority INTEGER NOT NULL DEFAULT 0,
      dedupe_key TEXT UNIQUE,
      payload TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX jobs_ready ON jobs(state, priority DESC, created_at);

    -- The latest refusal per input path; cleared when the path later imports.
    CREATE TABLE rejections (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      file TEXT NOT NULL,
      code TEXT NOT NULL,
      message TEXT NOT NULL,
      at TEXT NOT NULL,
      UNIQUE (batch_id, file)
    ) STRICT;

    -- Append-only audit log; each row hashes its predecessor so edits are detectable.
    CREATE TABLE events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      kind TEXT NOT NULL,
      subject TEXT NOT NULL,
      data TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  `,
};
