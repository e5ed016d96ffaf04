import type { Migration } from '../migration';

type Kind = 'page' | 'document' | 'item' | 'dossier';

/** The text without spaces, so letter-spaced numbers (身份证 1101 0519…) match as typed. */
const compact = (expr: string) => `replace(replace(replace(replace(${expr}, ' ', ''), char(9), ''), char(12288), ''), char(13), '')`;

/**
 * The overlapping two-character pieces of a text, each written as the hex of its UTF-8 bytes so
 * `unicode61` keeps every piece one token whatever the characters (punctuation included). Pieces
 * never span a line (no term does), and the text is cut into lines first: `substr` counts
 * characters from the start, so pieces of one long string would cost time quadratic in its length.
 * A line is split out of the JSON-quoted text; backslashes are re-escaped first so `\n` can only
 * be a line break. SQLite's lower() folds ASCII only; the query side folds the same way.
 */
const bigramsSql = (text: string) => `(SELECT group_concat(hex(substr(l.value, j.key + 1, 2)), ' ')
  FROM json_each('[' || replace(replace(json_quote(lower(${text})), '\\\\', '\\u005c'), '\\n', '","') || ']') l,
       json_each('[' || substr(replace(hex(zeroblob(length(l.value))), '00', ',0'), 2) || ']') j
  WHERE j.key < length(l.value) - 1)`;

const DOCS_OF = (kind: Kind, refs: string) => `SELECT id FROM search_docs WHERE kind = '${kind}' AND ref IN ${refs}`;

/**
 * Statements that bring the index rows of `kind` for the records `refs` (a SQL subquery) in line
 * with `search_source`: old entries out, current text in, rows of records that are gone dropped.
 * Both indexes are contentless: they hold the index only, the text stays in the tables that own it.
 */
const reindex = (kind: Kind, refs: string) => `
      DELETE FROM search_tri WHERE rowid IN (${DOCS_OF(kind, refs)});
      DELETE FROM search_bi WHERE rowid IN (${DOCS_OF(kind, refs)});
      DELETE FROM search_docs WHERE kind = '${kind}' AND ref IN ${refs}
        AND NOT EXISTS (SELECT 1 FROM search_source s WHERE s.kind = '${kind}' AND s.ref = search_docs.ref);
      INSERT OR IGNORE INTO search_docs (kind, ref) SELECT kind, ref FROM search_source WHERE kind = '${kind}' AND ref IN ${refs};
      INSERT INTO search_tri (rowid, compact)
        SELECT d.id, ${compact('s.body')} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref
        WHERE s.kind = '${kind}' AND s.ref IN ${refs};
      INSERT INTO search_bi (rowid, bigrams)
        SELECT d.id, ${bigramsSql(compact('s.body'))} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref
        WHERE s.kind = '${kind}' AND s.ref IN ${refs};`;

const trigger = (name: string, event: string, kind: Kind, refs: string, when = '') => `
    CREATE TRIGGER search_${name} ${event}${when ? ` WHEN ${when}` : ''}
    BEGIN${reindex(kind, refs)}
    END;`;

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

    ${trigger('ocr_result', 'AFTER INSERT ON ocr_results', 'page', '(SELECT page_id FROM page_ocr WHERE ocr_key = NEW.key)')}
    -- A page asking for a new reading keeps its old text until the new result is there.
    ${trigger('page_ocr_new', 'AFTER INSERT ON page_ocr', 'page', '(SELECT NEW.page_id)', 'EXISTS (SELECT 1 FROM ocr_results WHERE key = NEW.ocr_key)')}
    ${trigger('page_ocr_changed', 'AFTER UPDATE OF ocr_key ON page_ocr', 'page', '(SELECT NEW.page_id)', 'EXISTS (SELECT 1 FROM ocr_results WHERE key = NEW.ocr_key)')}
    ${trigger('page_trashed', 'AFTER INSERT ON page_trash', 'page', '(SELECT NEW.page_id)')}
    ${trigger('document_new', 'AFTER INSERT ON documents', 'document', '(SELECT NEW.id)')}
    ${trigger('document_changed', 'AFTER UPDATE OF title, material ON documents', 'document', '(SELECT NEW.id)')}
    ${trigger('document_gone', 'AFTER DELETE ON documents', 'document', '(SELECT OLD.id)')}
    ${trigger('item_version', 'AFTER INSERT ON item_versions', 'item', '(SELECT NEW.item_id)')}
    ${trigger('item_code', 'AFTER INSERT ON archival_codes', 'item', '(SELECT NEW.item_id)')}
    ${trigger('dossier_new', 'AFTER INSERT ON dossiers', 'dossier', '(SELECT NEW.id)')}
    ${trigger('dossier_title', 'AFTER UPDATE OF title ON dossiers', 'dossier', '(SELECT NEW.id)')}
    ${trigger('dossier_key', 'AFTER INSERT ON dossier_keys', 'dossier', '(SELECT NEW.dossier_id)')}
    ${trigger('dossier_item', 'AFTER INSERT ON dossier_items', 'dossier', '(SELECT NEW.dossier_id)')}

    DELETE FROM search_docs WHERE NOT EXISTS (SELECT 1 FROM search_source s WHERE s.kind = search_docs.kind AND s.ref = search_docs.ref);
    INSERT INTO search_tri (rowid, compact)
      SELECT d.id, ${compact('s.body')} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref;
    INSERT INTO search_bi (rowid, bigrams)
      SELECT d.id, ${bigramsSql(compact('s.body'))} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref;
  `,
};
