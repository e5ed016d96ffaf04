import type Database from 'better-sqlite3-multiple-ciphers';
import { migrations } from './migrations';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export class SchemaTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `数据库结构版本 ${found} 比本程序支持的 ${supported} 新，请升级程序 / ` +
        `database schema ${found} is newer than this program supports (${supported}); upgrade the program`,
    );
    this.name = 'SchemaTooNewError';
  }
}

export const latestSchemaVersion = (): number => migrations[migrations.length - 1]?.version ?? 0;

/**
 * Apply pending migrations, each in its own transaction with `user_version` bumped inside it,
 * so a crash leaves the database at a whole version. Refuses a database newer than this build.
 */
export function migrate(db: Database.Database, upTo: number = latestSchemaVersion()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const supported = latestSchemaVersion();
  if (current > supported) throw new SchemaTooNewError(current, supported);
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.up);
      // user_version cannot be bound as a parameter; the value is our own integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
