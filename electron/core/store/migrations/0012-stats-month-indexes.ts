import type { Migration } from '../migration';

/**
 * Indexes that let a month of the supervision figures read only that month. Without them the
 * OCR backlog over time and the pages read (with their low-confidence share) walk every job and
 * every reading the station ever stored: 4–5 s of CPU for a month view at a million pages.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'stats-month-indexes',
  up: `
    -- Jobs queued in a range, and jobs finished in or after it (the backlog's steps and its start).
    CREATE INDEX jobs_kind_created ON jobs(kind, created_at);
    CREATE INDEX jobs_kind_finished ON jobs(kind, updated_at, created_at) WHERE state IN ('done', 'failed', 'cancelled');
    -- A page counts as read when both its request and its reading are there: whichever came last.
    -- The readings' indexes hold what the figures ask of a reading (when, how sure), so they never
    -- load its row: the text and word boxes stored before those columns run to overflow pages.
    CREATE INDEX ocr_results_created ON ocr_results(created_at, key, confidence);
    CREATE INDEX ocr_results_key_read ON ocr_results(key, created_at, confidence);
    CREATE INDEX page_ocr_requested ON page_ocr(requested_at);
    CREATE INDEX keying_resolutions_at ON keying_resolutions(at);
    CREATE INDEX catalogues_created ON catalogues(created_at);
  `,
};
