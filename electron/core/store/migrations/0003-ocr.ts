import type { Migration } from '../migration';

/**
 * OCR: results stored once per image, engine and settings (the `key`), whichever pages show
 * that image; which result each page wants; and leases on the job queue so a job a crashed
 * process was running is taken up again instead of staying "running" for ever.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'ocr',
  up: `
    CREATE TABLE ocr_results (
      key TEXT PRIMARY KEY CHECK (length(key) = 64),
      image_sha256 TEXT NOT NULL REFERENCES files(sha256),
      engine TEXT NOT NULL CHECK (engine IN ('ppocr', 'tesseract')),
      model TEXT NOT NULL,
      settings TEXT NOT NULL,
      text TEXT NOT NULL,
      confidence REAL NOT NULL,
      angle REAL NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      -- JSON: lines in reading order, each with its words, boxes and confidences.
      lines TEXT NOT NULL,
      seconds REAL NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ocr_results_image ON ocr_results(image_sha256);

    -- The OCR a page asked for; its result is ocr_results(key) once read, its job jobs('ocr:' || key).
    CREATE TABLE page_ocr (
      page_id TEXT PRIMARY KEY REFERENCES pages(id),
      ocr_key TEXT NOT NULL CHECK (length(ocr_key) = 64),
      engine TEXT NOT NULL CHECK (engine IN ('ppocr', 'tesseract')),
      requested_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX page_ocr_key ON page_ocr(ocr_key);

    -- Who runs a job and until when the claim holds without a renewal.
    ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
    ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
    CREATE INDEX jobs_kind_ready ON jobs(kind, state, priority DESC);
  `,
};
