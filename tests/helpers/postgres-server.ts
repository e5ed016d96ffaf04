import { afterAll, beforeAll } from 'vitest';
import { postgresMissing, startPostgres, type LocalPostgres } from '../../electron/core/bench/postgres-server';

export { postgresMissing };

/** One server for a test file (none when the binaries are absent: the tests skip with `postgresMissing`). */
export function usePostgres(): () => LocalPostgres {
  let server: LocalPostgres | null = null;
  beforeAll(async () => {
    if (postgresMissing === null) server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  return () => server!;
}
