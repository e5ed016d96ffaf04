import type { Migration } from '../migration';

type Kind = 'page' | 'document' | 'item' | 'dossier';

/** The text without spaces, so letter-spaced numbers (身份证 1101 0519…) match as typed. */
const compact = (expr: string) => `replace(replace(replace(replace(${expr}, ' ', ''), char(9), ''), char(12288), ''), char(13), '')`;

/**
 * Statements that bring the index rows of `kind` for the records `refs` (a SQL subquery) in line
 * with `search_source`: old text out, current text in, rows of records that are gone dropped.
 */
const reindex = (kind: Kind, refs: string) => `
      DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE kind = '${kind}' AND ref IN ${refs});
      DELETE FROM search_docs WHERE kind = '${kind}' AND ref IN ${refs}
        AND NOT EXISTS (SELECT 1 FROM search_source s WHERE s.kind = '${kind}' AND s.ref = search_docs.ref);
      INSERT OR IGNORE INTO search_docs (kind, ref) SELECT kind, ref FROM search_source WHERE kind = '${kind}' AND ref IN ${refs};
      INSERT INTO search_fts (rowid, body, compact)
        SELECT d.id, s.body, ${compact('s.body')} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref
        WHERE s.kind = '${kind}' AND s.ref IN ${refs};`;

const trigger = (name: string, event: string, kind: Kind, refs: string, when = '') => `
    CREATE TRIGGER search_${name} ${event}${when ? ` WHEN ${when}` : ''}
    BEGIN${reindex(kind, refs)}
    END;`;

/**
 * Full-text search over OCR text (per page) and metadata (documents, items, dossiers), FTS5 with
 * the trigram tokenizer so any Chinese or digit substring of 3+ characters is found through the
 * index. Triggers keep it current inside the very transactions that store OCR results, metadata
 * versions, 档号 and dossiers, whichever code path writes them; existing rows are indexed here.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'search',
  up: `
    -- What each row of the index stands for (FTS5 numbers its rows; our records have text ids).
    CREATE TABLE search_docs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('page', 'document', 'item', 'dossier')),
      ref TEXT NOT NULL,
      UNIQUE (kind, ref)
    ) STRICT;

    -- A virtual table cannot be STRICT. body: the text as shown; compact: the same without spaces.
    CREATE VIRTUAL TABLE search_fts USING fts5(body, compact, tokenize = 'trigram');

    -- The searchable text of every record, derived from the tables that own it.
    CREATE VIEW search_source (kind, ref, body) AS
      SELECT 'page', o.page_id, r.text FROM page_ocr o JOIN ocr_results r ON r.key = o.ocr_key
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
    ${trigger('document_new', 'AFTER INSERT ON documents', 'document', '(SELECT NEW.id)')}
    ${trigger('document_changed', 'AFTER UPDATE OF title, material ON documents', 'document', '(SELECT NEW.id)')}
    ${trigger('document_gone', 'AFTER DELETE ON documents', 'document', '(SELECT OLD.id)')}
    ${trigger('item_version', 'AFTER INSERT ON item_versions', 'item', '(SELECT NEW.item_id)')}
    ${trigger('item_code', 'AFTER INSERT ON archival_codes', 'item', '(SELECT NEW.item_id)')}
    ${trigger('dossier_new', 'AFTER INSERT ON dossiers', 'dossier', '(SELECT NEW.id)')}
    ${trigger('dossier_title', 'AFTER UPDATE OF title ON dossiers', 'dossier', '(SELECT NEW.id)')}
    ${trigger('dossier_key', 'AFTER INSERT ON dossier_keys', 'dossier', '(SELECT NEW.dossier_id)')}
    ${trigger('dossier_item', 'AFTER INSERT ON dossier_items', 'dossier', '(SELECT NEW.dossier_id)')}

    INSERT INTO search_docs (kind, ref) SELECT kind, ref FROM search_source;
    INSERT INTO search_fts (rowid, body, compact)
      SELECT d.id, s.body, ${compact('s.body')} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref;
  `,
};
