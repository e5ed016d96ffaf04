import type { Migration } from '../migration';
import { BIGRAMS, fillIndex, searchTriggers, TRIGRAMS } from './search-index-sql';

/** 0006's triggers, which kept its trigram table. */
const OLD_TRIGGERS = [
  'ocr_result', 'page_ocr_new', 'page_ocr_changed', 'document_new', 'document_changed', 'document_gone',
  'item_version', 'item_code', 'dossier_new', 'dossier_title', 'dossier_key', 'dossier_item',
];

/**
 * Two-character terms through an index. 0006 indexed every text twice (as shown and without
 * spaces) in a trigram table that also stored both copies, so terms under three characters fell
 * back to a capped LIKE scan. Now: a contentless trigram index of the text without spaces (a term
 * has no spaces, so it occurs there whenever it occurs in the text) and a contentless index of its
 * two-character pieces, both kept by the same triggers in the writing transactions. Trashed pages
 * leave the index instead of being filtered out at every query. Snippets read the text from
 * `search_source` for the hits shown.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'search-bigrams',
  up: `
    ${OLD_TRIGGERS.map((t) => `DROP TRIGGER search_${t};`).join('\n    ')}
    DROP TABLE search_fts;
    DROP VIEW search_source;

    CREATE VIRTUAL TABLE search_tri USING fts5(compact, tokenize = 'trigram', content = '', contentless_delete = 1);
    CREATE VIRTUAL TABLE search_bi USING fts5(bigrams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);

    -- The searchable text of every record, derived from the tables that own it (pages in the trash are not in the archive).
    CREATE VIEW search_source (kind, ref, body) AS
      SELECT 'page', o.page_id, r.text FROM page_ocr o JOIN ocr_results r ON r.key = o.ocr_key
      WHERE NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = o.page_id)
      UNION ALL
      SELECT 'document', d.id, d.title || coalesce(char(10) || d.material, '') FROM documents d
      UNION ALL
      SELECT 'item', v.item_id,
        coalesce((SELECT c.code || char(10) FROM archival_codes c WHERE c.item_id = v.item_id), '')
        || v.business || ' ' || v.business_date
        || coalesce((SELECT char(10) || group_concat(j.key || ' ' || j.value, char(10)) FROM json_each(v.fields) j), '')
      FROM item_versions v
      WHERE v.version = (SELECT max(version) FROM item_versions w WHERE w.item_id = v.item_id)
      UNION ALL
      SELECT 'dossier', k.id,
        k.title
        || coalesce((SELECT char(10) || group_concat(x.field || ' ' || x.value, char(10)) FROM dossier_keys x WHERE x.dossier_id = k.id), '')
        || coalesce((SELECT char(10) || group_concat(c.code, ' ') FROM dossier_items di JOIN archival_codes c ON c.item_id = di.item_id WHERE di.dossier_id = k.id), '')
      FROM dossiers k;

    ${searchTriggers([TRIGRAMS, BIGRAMS])}

    DELETE FROM search_docs WHERE NOT EXISTS (SELECT 1 FROM search_source s WHERE s.kind = search_docs.kind AND s.ref = search_docs.ref);
    ${fillIndex(TRIGRAMS)}
    ${fillIndex(BIGRAMS)}
  `,
};
