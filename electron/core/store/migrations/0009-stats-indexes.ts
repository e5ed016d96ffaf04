import type { Migration } from '../migration';

/**
 * Indexes for the supervision figures (管理监督), which read the event log and the tables by
 * time and by the event that recorded a record: without them every figure scans a million pages.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'stats-indexes',
  up: `
    -- Who imported a file, filed an item, resolved a double entry: the event about that record.
    CREATE INDEX events_kind_subject ON events(kind, subject);
    CREATE INDEX events_kind_at ON events(kind, at);
    CREATE INDEX source_files_imported ON source_files(imported_at);
    CREATE INDEX items_filed ON items(filed_at) WHERE filed_at IS NOT NULL;
    CREATE INDEX documents_item ON documents(item_id);
    CREATE INDEX qc_sample_pages_at ON qc_sample_pages(at) WHERE at IS NOT NULL;
    CREATE INDEX rescan_requests_requested ON rescan_requests(requested_at);
  `,
};
