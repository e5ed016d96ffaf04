import type { searchMethods } from '../../../shared/contract/search-api';
import { SchemeSource } from '../filing/scheme-source';
import { searchArchive } from '../search/search-index';
import type { Db } from '../store/open-database';
import type { Handlers } from './dispatcher';

type SearchHandlers = Pick<Handlers, keyof typeof searchMethods>;

export function createSearchHandlers(deps: { readonly db: Db }): SearchHandlers {
  const schemes = new SchemeSource(deps.db);
  return {
    search: (req) => ({ query: req.query, ...searchArchive(deps.db, schemes.current().body, req.query, req.limit) }),
  };
}
