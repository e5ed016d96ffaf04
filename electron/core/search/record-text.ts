import type { SearchKind } from '../../../shared/contract/search-api';
import type { Db } from '../store/open-database';
import { cachedStatement } from '../store/statement-cache';

/**
 * A text without spaces, as the search migrations index it (SQL's compact()): a term has no
 * spaces, so letter-spaced numbers are found as typed, and snippets and counts read the same text.
 */
export const compactText = (body: string): string => body.replace(/[ \t\u3000\r]/g, '');

/**
 * A record's text, read from the records that own it, one at a time: the kind picks one arm of the
 * view's union, where a join on the view would build all of it.
 */
export const recordText = (db: Db, kind: SearchKind, ref: string): string =>
  (cachedStatement(db, 'SELECT body FROM search_source WHERE kind = ? AND ref = ?').pluck().get(kind, ref) as string | undefined) ?? '';
