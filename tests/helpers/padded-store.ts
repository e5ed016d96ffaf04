import type { Db } from '../../electron/core/store/open-database';

/** The ID number the padding rows carry: what a byte scan looks for after a rewrite. */
export const PADDING_ID = '440301198807151236';

/**
 * A table of `rows` long notes full of an ID number, so that a rewrite of the whole database
 * (an in-place encryption, a rekey) takes long enough for a kill to land inside it.
 */
export function addPadding(db: Db, rows: number): void {
  db.exec('CREATE TABLE padding (note TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO padding VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`${PADDING_ID} 住房公积金提取 ${i} `.repeat(20));
  })();
}

/** What must come through a rewrite of the store unchanged: the rows' identities and their counts. */
export function storeContents(db: Db): unknown {
  const ids = (sql: string) => db.prepare(sql).pluck().all();
  return {
    batches: ids('SELECT id FROM batches ORDER BY id'),
    files: ids('SELECT sha256 FROM source_files ORDER BY sha256'),
    pages: ids('SELECT id FROM pages ORDER BY id'),
    padding: db.prepare('SELECT count(*) FROM padding WHERE note LIKE ?').pluck().get(`${PADDING_ID}%`),
  };
}
