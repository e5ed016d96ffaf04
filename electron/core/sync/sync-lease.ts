import os from 'node:os';
import { isAlive } from '../files/blob-store';
import type { Db } from '../store/open-database';

/**
 * One sender per store: the app and the CLI may run side by side, and two senders working on the
 * same bag would send files twice. The lease names its process; a lease whose process is gone
 * (killed, crashed) is taken over at once instead of waiting for it to expire.
 */
export class SyncLease {
  readonly owner = `${os.hostname()}:${process.pid}`;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 60_000,
  ) {}

  /** Take or renew the lease; false while another live sender holds it. */
  acquire(): boolean {
    return this.db.transaction((): boolean => {
      const now = Date.now();
      const row = this.db.prepare('SELECT owner, pid, expires_at FROM sync_lease WHERE id = 1').get() as
        | { owner: string; pid: number; expires_at: string }
        | undefined;
      const sameHost = row?.owner.startsWith(`${os.hostname()}:`) === true;
      const free = !row || row.owner === this.owner || Date.parse(row.expires_at) < now || (sameHost && !isAlive(row.pid));
      if (!free) return false;
      this.db
        .prepare(
          `INSERT INTO sync_lease (id, owner, pid, expires_at) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, expires_at = excluded.expires_at`,
        )
        .run(this.owner, process.pid, new Date(now + this.ttlMs).toISOString());
      return true;
    }).immediate();
  }

  release(): void {
    this.db.prepare('DELETE FROM sync_lease WHERE id = 1 AND owner = ?').run(this.owner);
  }

  /** Whether any live sender holds the lease now (for the status view). */
  held(): boolean {
    const row = this.db.prepare('SELECT owner, pid, expires_at FROM sync_lease WHERE id = 1').get() as
      | { owner: string; pid: number; expires_at: string }
      | undefined;
    if (!row || Date.parse(row.expires_at) < Date.now()) return false;
    return !row.owner.startsWith(`${os.hostname()}:`) || isAlive(row.pid);
  }
}
