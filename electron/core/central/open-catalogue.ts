import type { Catalogue } from './catalogue';
import { PgCatalogue } from './pg-catalogue';
import { SqliteCatalogue } from './sqlite-catalogue';

/** A `postgres://` or `postgresql://` connection URL (libpq's forms); anything else is a SQLite file. */
export const isPostgresUrl = (where: string): boolean => /^postgres(ql)?:\/\//i.test(where);

/**
 * The catalogue `--catalogue` names: a SQLite file for receivers on one host, a PostgreSQL URL for
 * receivers on several (docs/central-contract.md §8.1). The choice is configuration only.
 */
export async function openCatalogue(where: string): Promise<Catalogue> {
  return isPostgresUrl(where) ? PgCatalogue.open(where) : new SqliteCatalogue(where);
}
