import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * The connection's prepared statement for `sql`, compiled on first use. For statements run once
 * per hit of a list: compiling one that reads a view of four unions costs more than running it,
 * and a search list of 50 hits would compile it 50 times. Statements live as long as their
 * connection; the set is fixed by the code, so the map does not grow with input.
 */
export function cachedStatement(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
