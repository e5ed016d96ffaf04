/**
 * SQL the search migrations share: how a record's text becomes the rows of each full-text index,
 * and the triggers that keep every index in line with the records in their writing transactions.
 * Each migration passes the indexes it keeps, so an earlier migration's SQL stays what it was.
 */

type Kind = 'page' | 'document' | 'item' | 'dossier';

/** The text without spaces, so letter-spaced numbers (身份证 1101 0519…) match as typed. */
export const compact = (expr: string) => `replace(replace(replace(replace(${expr}, ' ', ''), char(9), ''), char(12288), ''), char(13), '')`;

/**
 * The lines of a text and each line's character positions, for statements that cut pieces out of
 * every line. The text is cut into lines first: `substr` counts characters from the start, so
 * pieces of one long string would cost time quadratic in its length. A line is split out of the
 * JSON-quoted text; backslashes are re-escaped first so `\n` can only be a line break.
 */
const linePositions = (text: string) => `json_each('[' || replace(replace(json_quote(${text}), '\\\\', '\\u005c'), '\\n', '","') || ']') l,
       json_each('[' || substr(replace(hex(zeroblob(length(l.value))), '00', ',0'), 2) || ']') j`;

/**
 * The overlapping two-character pieces of a text, each written as the hex of its UTF-8 bytes so
 * `unicode61` keeps every piece one token whatever the characters (punctuation included). Pieces
 * never span a line (no term does). SQLite's lower() folds ASCII only; the query side folds the same way.
 */
export const bigramsSql = (text: string) => `(SELECT group_concat(hex(substr(l.value, j.key + 1, 2)), ' ')
  FROM ${linePositions(`lower(${text})`)}
  WHERE j.key < length(l.value) - 1)`;

/** One full-text index: its table, its column and the SQL of what it holds of a record's text (`s.body`). */
export interface IndexDef {
  readonly table: string;
  readonly column: string;
  readonly text: (body: string) => string;
}

/**
 * Every window of six digits in the text's runs of digits (a run of 18 gives 13), so a term with
 * such a run (an ID number, its last six digits, an account or a phone number) is found by a few
 * rare tokens instead of the trigram index's long phrase of common digit trigrams. Lines holding
 * no run of six digits are passed over before their characters are.
 */
export const digitWindowsSql = (text: string) => `(SELECT group_concat(substr(l.value, j.key + 1, 6), ' ')
  FROM ${linePositions(text)}
  WHERE l.value GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]*' AND j.key <= length(l.value) - 6
    AND substr(l.value, j.key + 1, 6) GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]')`;

export const TRIGRAMS: IndexDef = { table: 'search_tri', column: 'compact', text: (body) => compact(body) };
export const BIGRAMS: IndexDef = { table: 'search_bi', column: 'bigrams', text: (body) => bigramsSql(compact(body)) };
export const DIGIT_WINDOWS: IndexDef = { table: 'search_num', column: 'digits', text: (body) => digitWindowsSql(compact(body)) };

const DOCS_OF = (kind: Kind, refs: string) => `SELECT id FROM search_docs WHERE kind = '${kind}' AND ref IN ${refs}`;

/**
 * Statements that bring the index rows of `kind` for the records `refs` (a SQL subquery) in line
 * with `search_source`: old entries out, current text in, rows of records that are gone dropped.
 * The indexes are contentless: they hold the index only, the text stays in the tables that own it.
 */
const reindex = (indexes: readonly IndexDef[], kind: Kind, refs: string) => `${indexes.map((x) => `
      DELETE FROM ${x.table} WHERE rowid IN (${DOCS_OF(kind, refs)});`).join('')}
      DELETE FROM search_docs WHERE kind = '${kind}' AND ref IN ${refs}
        AND NOT EXISTS (SELECT 1 FROM search_source s WHERE s.kind = '${kind}' AND s.ref = search_docs.ref);
      INSERT OR IGNORE INTO search_docs (kind, ref) SELECT kind, ref FROM search_source WHERE kind = '${kind}' AND ref IN ${refs};${indexes.map((x) => `
      INSERT INTO ${x.table} (rowid, ${x.column})
        SELECT d.id, ${x.text('s.body')} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref
        WHERE s.kind = '${kind}' AND s.ref IN ${refs};`).join('')}`;

/** Every record's current text into an index, as a migration that creates it fills it. */
export const fillIndex = (x: IndexDef) => `INSERT INTO ${x.table} (rowid, ${x.column})
      SELECT d.id, ${x.text('s.body')} FROM search_source s JOIN search_docs d ON d.kind = s.kind AND d.ref = s.ref;`;

const trigger = (indexes: readonly IndexDef[], name: string, event: string, kind: Kind, refs: string, when = '') => `
    CREATE TRIGGER search_${name} ${event}${when ? ` WHEN ${when}` : ''}
    BEGIN${reindex(indexes, kind, refs)}
    END;`;

/** What fires a reindex: every write that changes a record's searchable text. */
const EVENTS: ReadonlyArray<readonly [name: string, event: string, kind: Kind, refs: string, when?: string]> = [
  ['ocr_result', 'AFTER INSERT ON ocr_results', 'page', '(SELECT page_id FROM page_ocr WHERE ocr_key = NEW.key)'],
  // A page asking for a new reading keeps its old text until the new result is there.
  ['page_ocr_new', 'AFTER INSERT ON page_ocr', 'page', '(SELECT NEW.page_id)', 'EXISTS (SELECT 1 FROM ocr_results WHERE key = NEW.ocr_key)'],
  ['page_ocr_changed', 'AFTER UPDATE OF ocr_key ON page_ocr', 'page', '(SELECT NEW.page_id)', 'EXISTS (SELECT 1 FROM ocr_results WHERE key = NEW.ocr_key)'],
  ['page_trashed', 'AFTER INSERT ON page_trash', 'page', '(SELECT NEW.page_id)'],
  ['document_new', 'AFTER INSERT ON documents', 'document', '(SELECT NEW.id)'],
  ['document_changed', 'AFTER UPDATE OF title, material ON documents', 'document', '(SELECT NEW.id)'],
  ['document_gone', 'AFTER DELETE ON documents', 'document', '(SELECT OLD.id)'],
  ['item_version', 'AFTER INSERT ON item_versions', 'item', '(SELECT NEW.item_id)'],
  ['item_code', 'AFTER INSERT ON archival_codes', 'item', '(SELECT NEW.item_id)'],
  ['dossier_new', 'AFTER INSERT ON dossiers', 'dossier', '(SELECT NEW.id)'],
  ['dossier_title', 'AFTER UPDATE OF title ON dossiers', 'dossier', '(SELECT NEW.id)'],
  ['dossier_key', 'AFTER INSERT ON dossier_keys', 'dossier', '(SELECT NEW.dossier_id)'],
  ['dossier_item', 'AFTER INSERT ON dossier_items', 'dossier', '(SELECT NEW.dossier_id)'],
];

/** The triggers keeping `indexes` in line, and their names (for a later migration to replace them). */
export const searchTriggers = (indexes: readonly IndexDef[]) => EVENTS.map(([name, event, kind, refs, when]) => trigger(indexes, name, event, kind, refs, when)).join('\n');
export const SEARCH_TRIGGER_NAMES = EVENTS.map(([name]) => `search_${name}`);
