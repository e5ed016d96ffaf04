import type { Migration } from '../migration';

/**
 * The offline transfer queue: one persistent state machine per batch, the frozen content of its
 * transfer bag, per-target upload progress down to confirmed multipart parts, saved sync targets,
 * reference data pulled from the central archive, and what was purged after acknowledgement.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'transfer-queue',
  up: `
    CREATE TABLE sync_targets (
      name TEXT PRIMARY KEY,
      uri TEXT NOT NULL,
      endpoint TEXT,
      region TEXT,
      path_style INTEGER NOT NULL DEFAULT 1 CHECK (path_style IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE transfers (
      batch_id TEXT PRIMARY KEY REFERENCES batches(id),
      state TEXT NOT NULL CHECK (state IN
        ('queued', 'packaging', 'checked', 'uploading', 'uploaded', 'acknowledged', 'purged', 'failed')),
      paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
      -- The target (its URI) the bag is being or was sent to.
      target TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      error TEXT,
      checks TEXT,
      checks_ok INTEGER CHECK (checks_ok IN (0, 1)),
      bagging_date TEXT,
      commit_sha256 TEXT,
      ack_sha256 TEXT,
      ack TEXT,
      queued_at TEXT NOT NULL,
      uploaded_at TEXT,
      acknowledged_at TEXT,
      purged_at TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX transfers_state ON transfers(state, next_attempt_at);

    -- The bag, frozen when packaged: every file is a stored object, tag files last.
    CREATE TABLE transfer_files (
      batch_id TEXT NOT NULL REFERENCES transfers(batch_id),
      path TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('original', 'image', 'thumbnail', 'ocr', 'metadata', 'tag')),
      sha256 TEXT NOT NULL REFERENCES files(sha256),
      sha512 TEXT NOT NULL CHECK (length(sha512) = 128),
      size INTEGER NOT NULL CHECK (size >= 0),
      ord INTEGER NOT NULL,
      PRIMARY KEY (batch_id, path),
      UNIQUE (batch_id, ord)
    ) STRICT;

    -- What a target holds of a bag, as far as the station has verified it.
    CREATE TABLE transfer_uploads (
      batch_id TEXT NOT NULL,
      target TEXT NOT NULL,
      path TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('sending', 'verified')),
      upload_id TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (batch_id, target, path),
      FOREIGN KEY (batch_id, path) REFERENCES transfer_files(batch_id, path)
    ) STRICT;

    -- Multipart parts the server confirmed (its ETag equal to our MD5 of the part).
    CREATE TABLE transfer_parts (
      batch_id TEXT NOT NULL,
      target TEXT NOT NULL,
      path TEXT NOT NULL,
      upload_id TEXT NOT NULL,
      part_number INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
      etag TEXT NOT NULL,
      size INTEGER NOT NULL,
      -- Base64 SHA-256 of the part, repeated in the completion request.
      sha256 TEXT NOT NULL,
      PRIMARY KEY (batch_id, target, path, part_number),
      FOREIGN KEY (batch_id, target, path) REFERENCES transfer_uploads(batch_id, target, path) ON DELETE CASCADE
    ) STRICT;

    -- Only one process sends at a time (the app and the CLI may share a store).
    CREATE TABLE sync_lease (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      owner TEXT NOT NULL,
      pid INTEGER NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE reference_data (
      name TEXT PRIMARY KEY,
      version TEXT NOT NULL,
      sha256 TEXT NOT NULL REFERENCES files(sha256),
      size INTEGER NOT NULL,
      source TEXT NOT NULL,
      fetched_at TEXT NOT NULL
    ) STRICT;

    -- Objects removed from the local store after the central archive acknowledged them.
    CREATE TABLE purged_files (
      sha256 TEXT PRIMARY KEY REFERENCES files(sha256),
      batch_id TEXT NOT NULL REFERENCES batches(id),
      purged_at TEXT NOT NULL
    ) STRICT;
  `,
};
