import type { Migration } from '../migration';

const appendOnly = (table: string) => `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`;

/**
 * Filing: the versioned classification scheme, item metadata versions, dossiers that only grow,
 * the 档号 registry with its gap-free counters, the page trash, separator sheets and their
 * detections, catalogues (数据挂接), double-entry keyings, QC samples and rescan requests, and the
 * station's classifier weights. What must never change is append-only by trigger, not by promise.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'filing',
  up: `
    CREATE TABLE scheme_versions (
      version INTEGER PRIMARY KEY CHECK (version >= 1),
      body TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      actor TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    ${appendOnly('scheme_versions')}

    CREATE TABLE dossiers (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('person', 'loan', 'unit')),
      title TEXT NOT NULL,
      created_at TEXT NOT NULL,
      -- Business date of the settlement (结清) item: where a loan's retention starts.
      settled_on TEXT
    ) STRICT;
    CREATE TRIGGER dossiers_settle_once BEFORE UPDATE ON dossiers
      WHEN OLD.settled_on IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'a dossier only grows'); END;
    CREATE TRIGGER dossiers_no_delete BEFORE DELETE ON dossiers
      BEGIN SELECT RAISE(ABORT, 'a dossier only grows'); END;

    -- Every key value that finds a dossier (an enterprise by credit code and by account).
    CREATE TABLE dossier_keys (
      kind TEXT NOT NULL,
      field TEXT NOT NULL,
      value TEXT NOT NULL,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      PRIMARY KEY (kind, field, value)
    ) STRICT;
    ${appendOnly('dossier_keys')}

    ALTER TABLE items ADD COLUMN business_date TEXT;
    ALTER TABLE items ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE items ADD COLUMN dossier_id TEXT REFERENCES dossiers(id);
    ALTER TABLE items ADD COLUMN filed_at TEXT;
    ALTER TABLE items ADD COLUMN missing_reason TEXT;
    CREATE INDEX items_dossier ON items(dossier_id);
    CREATE TRIGGER items_filed_stable BEFORE UPDATE ON items
      WHEN OLD.filed_at IS NOT NULL AND (NEW.filed_at IS NOT OLD.filed_at OR NEW.dossier_id IS NOT OLD.dossier_id
        OR NEW.business IS NOT OLD.business OR NEW.business_date IS NOT OLD.business_date OR NEW.state IS NOT OLD.state
        OR NEW.batch_id IS NOT OLD.batch_id OR NEW.missing_reason IS NOT OLD.missing_reason)
      BEGIN SELECT RAISE(ABORT, 'a filed item changes only by new versions'); END;
    CREATE TRIGGER items_filed_no_delete BEFORE DELETE ON items WHEN OLD.filed_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a filed item is never deleted'); END;

    -- Metadata of an item, one row per version: corrections add a row with who, when and why.
    CREATE TABLE item_versions (
      item_id TEXT NOT NULL REFERENCES items(id),
      version INTEGER NOT NULL CHECK (version >= 1),
      business TEXT NOT NULL,
      business_date TEXT NOT NULL,
      fields TEXT NOT NULL,
      scheme_version INTEGER NOT NULL REFERENCES scheme_versions(version),
      actor TEXT NOT NULL,
      reason TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (item_id, version)
    ) STRICT;
    ${appendOnly('item_versions')}

    CREATE TABLE dossier_items (
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      item_id TEXT NOT NULL UNIQUE REFERENCES items(id),
      actor TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (dossier_id, seq)
    ) STRICT;
    ${appendOnly('dossier_items')}

    -- The last 件号 given in each lowest class (档号 without its 件号); raised only while filing.
    CREATE TABLE archival_counters (
      prefix TEXT PRIMARY KEY,
      last INTEGER NOT NULL CHECK (last >= 0)
    ) STRICT;
    CREATE TRIGGER archival_counters_forward BEFORE UPDATE ON archival_counters WHEN NEW.last < OLD.last
      BEGIN SELECT RAISE(ABORT, 'a 件号 is never reused'); END;

    -- Every 档号 ever given: unique, bound to one item, never changed or reused.
    CREATE TABLE archival_codes (
      code TEXT PRIMARY KEY,
      prefix TEXT NOT NULL,
      number INTEGER NOT NULL CHECK (number >= 1),
      item_id TEXT NOT NULL UNIQUE REFERENCES items(id),
      origin TEXT NOT NULL CHECK (origin IN ('assigned', 'adopted')),
      at TEXT NOT NULL,
      UNIQUE (prefix, number)
    ) STRICT;
    ${appendOnly('archival_codes')}

    -- Pages taken out of their document (recoverable); the page keeps its document to return to.
    CREATE TABLE page_trash (
      page_id TEXT PRIMARY KEY REFERENCES pages(id),
      reason TEXT NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;

    -- Printed separator and cover sheets: the key their barcodes carry and what it stands for.
    CREATE TABLE sheets (
      key TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('separator', 'cover')),
      batch_id TEXT REFERENCES batches(id),
      item_id TEXT REFERENCES items(id),
      business TEXT,
      business_date TEXT,
      fields TEXT NOT NULL DEFAULT '{}',
      expected_pages INTEGER CHECK (expected_pages IS NULL OR expected_pages >= 1),
      actor TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    -- Barcodes read on a page (empty list: checked, none); split works from these.
    CREATE TABLE page_barcodes (
      page_id TEXT PRIMARY KEY REFERENCES pages(id),
      codes TEXT NOT NULL,
      checked_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE catalogues (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      name TEXT NOT NULL,
      source_sha256 TEXT NOT NULL,
      mapping TEXT NOT NULL,
      actor TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE catalogue_rows (
      catalogue_id TEXT NOT NULL REFERENCES catalogues(id),
      row_no INTEGER NOT NULL,
      fields TEXT NOT NULL,
      problems TEXT NOT NULL DEFAULT '[]',
      item_id TEXT REFERENCES items(id),
      PRIMARY KEY (catalogue_id, row_no)
    ) STRICT;

    -- Double-entry verification: two people key the same item blind.
    CREATE TABLE keyings (
      item_id TEXT NOT NULL REFERENCES items(id),
      pass INTEGER NOT NULL CHECK (pass IN (1, 2)),
      fields TEXT NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (item_id, pass)
    ) STRICT;
    CREATE TABLE keying_resolutions (
      item_id TEXT PRIMARY KEY REFERENCES items(id),
      version INTEGER NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE qc_samples (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES batches(id),
      rate REAL NOT NULL CHECK (rate >= 0.05 AND rate <= 1),
      pass_rate REAL NOT NULL CHECK (pass_rate > 0 AND pass_rate <= 1),
      seed INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'rejected')),
      actor TEXT NOT NULL,
      created_at TEXT NOT NULL,
      decided_by TEXT,
      decided_at TEXT,
      note TEXT
    ) STRICT;
    CREATE TABLE qc_sample_pages (
      sample_id TEXT NOT NULL REFERENCES qc_samples(id),
      page_id TEXT NOT NULL REFERENCES pages(id),
      verdict TEXT CHECK (verdict IS NULL OR verdict IN ('pass', 'fail')),
      reason TEXT,
      note TEXT,
      actor TEXT,
      at TEXT,
      PRIMARY KEY (sample_id, page_id)
    ) STRICT;
    CREATE TABLE rescan_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      page_id TEXT NOT NULL REFERENCES pages(id),
      sample_id TEXT REFERENCES qc_samples(id),
      reason TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL CHECK (state IN ('open', 'done')),
      actor TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      done_at TEXT
    ) STRICT;
    CREATE INDEX rescan_open ON rescan_requests(state, page_id);

    -- What the clerks of this station taught the classifier (feature weights per label).
    CREATE TABLE classifier_weights (
      target TEXT NOT NULL CHECK (target IN ('material', 'business')),
      feature TEXT NOT NULL,
      label TEXT NOT NULL,
      weight REAL NOT NULL,
      PRIMARY KEY (target, feature, label)
    ) STRICT;
    CREATE TABLE classifier_corrections (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      target TEXT NOT NULL CHECK (target IN ('material', 'business')),
      subject TEXT NOT NULL,
      predicted TEXT,
      actual TEXT NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
  `,
};
