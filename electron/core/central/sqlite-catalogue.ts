import Database from 'better-sqlite3';
import type { CommittedBag } from './centre-store';
import type { SignatureAlgorithm } from '../trust/signing';
import { RETIRED, type Catalogue, type Claim, type ItemHit, type RecordedReceipt, type StationRow } from './catalogue';
import type { HeldChain } from './chain-receipt';
import { STATIONS_SQL, substringPattern, toStationRow } from './catalogue-rows';
import type { SupervisionFile } from '../../../shared/stats/supervision';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS receipts (
    prefix TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    version TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('leased', 'acking', 'acked')),
    owner TEXT NOT NULL,
    lease_until INTEGER NOT NULL,
    claims INTEGER NOT NULL DEFAULT 1,
    station_id TEXT,
    status TEXT CHECK (status IN ('accepted', 'rejected')),
    reason TEXT,
    ack BLOB,
    ack_sha256 TEXT,
    received_at TEXT,
    PRIMARY KEY (prefix, batch_id, version)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS stations (
    station_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    fonds TEXT NOT NULL,
    prefix TEXT NOT NULL,
    bags INTEGER NOT NULL,
    last_batch TEXT NOT NULL,
    last_received_at TEXT NOT NULL,
    last_status TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS items (
    station_id TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    archival_code TEXT NOT NULL,
    title TEXT NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (station_id, batch_id, seq)
  ) STRICT;
  -- The key each station presented at its first sealed bag, and every audit-chain event hash received since.
  CREATE TABLE IF NOT EXISTS station_keys (
    station_id TEXT PRIMARY KEY,
    algorithm TEXT NOT NULL,
    public_key TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS chain_events (
    station_id TEXT NOT NULL,
    id INTEGER NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (station_id, id)
  ) STRICT;
  -- Each accepted bag's supervision.json (the station's figures), kept as received.
  CREATE TABLE IF NOT EXISTS supervision (
    station_id TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    file TEXT NOT NULL,
    PRIMARY KEY (station_id, batch_id)
  ) STRICT;
`;

type Row = { state: 'leased' | 'acking' | 'acked'; owner: string; lease_until: number; ack: Buffer | null; status: 'accepted' | 'rejected' | null };

/**
 * The catalogue in one SQLite file (WAL), shared by every receiver process on the host: SQLite's
 * own write lock (BEGIN IMMEDIATE) makes each claim and record atomic across processes.
 */
export class SqliteCatalogue implements Catalogue {
  private readonly db: Database.Database;

  constructor(file: string, private readonly now: () => number = Date.now) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
  }

  private row(bag: CommittedBag): Row | undefined {
    return this.db.prepare('SELECT state, owner, lease_until, ack, status FROM receipts WHERE prefix = ? AND batch_id = ? AND version = ?').get(bag.prefix, bag.batchId, bag.version) as Row | undefined;
  }

  async claim(bag: CommittedBag, owner: string, leaseMs: number): Promise<Claim> {
    return this.db.transaction((): Claim => {
      const now = this.now();
      const row = this.row(bag);
      if (!row) {
        this.db.prepare("INSERT INTO receipts (prefix, batch_id, version, state, owner, lease_until) VALUES (?, ?, ?, 'leased', ?, ?)").run(bag.prefix, bag.batchId, bag.version, owner, now + leaseMs);
        return { kind: 'claimed' };
      }
      if (row.state === 'acked') return { kind: 'done' };
      if (row.lease_until > now && row.owner !== owner) return { kind: 'held' };
      this.db.prepare('UPDATE receipts SET owner = ?, lease_until = ?, claims = claims + 1 WHERE prefix = ? AND batch_id = ? AND version = ?').run(owner, now + leaseMs, bag.prefix, bag.batchId, bag.version);
      return row.state === 'acking' && row.ack && row.status ? { kind: 'resume', ack: row.ack, status: row.status } : { kind: 'claimed' };
    }).immediate();
  }

  async renew(bag: CommittedBag, owner: string, leaseMs: number): Promise<boolean> {
    const r = this.db.prepare("UPDATE receipts SET lease_until = ? WHERE prefix = ? AND batch_id = ? AND version = ? AND owner = ? AND state <> 'acked'").run(this.now() + leaseMs, bag.prefix, bag.batchId, bag.version, owner);
    return r.changes === 1;
  }

  async record(owner: string, receipt: RecordedReceipt): Promise<boolean> {
    const { bag, received } = receipt;
    return this.db.transaction((): boolean => {
      const row = this.row(bag);
      if (!row || row.owner !== owner || row.state !== 'leased') return false;
      this.db
        .prepare("UPDATE receipts SET state = 'acking', station_id = ?, status = ?, reason = ?, ack = ?, ack_sha256 = ?, received_at = ? WHERE prefix = ? AND batch_id = ? AND version = ?")
        .run(received.stationId, receipt.status, receipt.reason, receipt.ack, receipt.ackSha256, receipt.receivedAt, bag.prefix, bag.batchId, bag.version);
      this.db
        .prepare(
          `INSERT INTO stations (station_id, name, fonds, prefix, bags, last_batch, last_received_at, last_status) VALUES (?, ?, ?, ?, 1, ?, ?, ?)
           ON CONFLICT (station_id) DO UPDATE SET name = excluded.name, fonds = excluded.fonds, prefix = excluded.prefix, bags = bags + 1,
             last_batch = excluded.last_batch, last_received_at = excluded.last_received_at, last_status = excluded.last_status`,
        )
        .run(received.stationId, received.stationName, received.fonds, bag.prefix, bag.batchId, receipt.receivedAt, receipt.status);
      this.db.prepare('DELETE FROM items WHERE station_id = ? AND batch_id = ?').run(received.stationId, bag.batchId);
      const put = this.db.prepare('INSERT INTO items (station_id, batch_id, seq, archival_code, title, fields) VALUES (?, ?, ?, ?, ?, ?)');
      received.items.forEach((item, i) => put.run(received.stationId, bag.batchId, i, item.archivalCode, item.title, JSON.stringify(item.fields)));
      // Only an accepted bag's figures count: a rejected one is sent again, and its checks did not hold.
      if (receipt.status === 'accepted' && received.supervision) {
        this.db.prepare('INSERT OR REPLACE INTO supervision (station_id, batch_id, file) VALUES (?, ?, ?)').run(received.stationId, bag.batchId, JSON.stringify(received.supervision));
      }
      if (receipt.chain) {
        this.db.prepare('INSERT OR IGNORE INTO station_keys (station_id, algorithm, public_key) VALUES (?, ?, ?)').run(received.stationId, receipt.chain.key.algorithm, receipt.chain.key.publicKey);
        const event = this.db.prepare('INSERT OR IGNORE INTO chain_events (station_id, id, hash) VALUES (?, ?, ?)');
        for (const e of receipt.chain.events) event.run(received.stationId, e.id, e.hash);
      }
      return true;
    }).immediate();
  }

  async finish(bag: CommittedBag, owner: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE receipts SET state = 'acked', lease_until = 0,
           version = CASE status WHEN 'rejected' THEN version || '${RETIRED}' || ack_sha256 ELSE version END
         WHERE prefix = ? AND batch_id = ? AND version = ? AND owner = ? AND state = 'acking'`,
      )
      .run(bag.prefix, bag.batchId, bag.version, owner);
  }

  async stranded(): Promise<CommittedBag[]> {
    return this.db.prepare("SELECT prefix, batch_id AS batchId, version FROM receipts WHERE state = 'acking' AND lease_until <= ?").all(this.now()) as CommittedBag[];
  }

  async stationChain(stationId: string, fromId: number, toId: number): Promise<HeldChain> {
    const key = this.db.prepare('SELECT algorithm, public_key FROM station_keys WHERE station_id = ?').get(stationId) as { algorithm: SignatureAlgorithm; public_key: string } | undefined;
    const rows = this.db.prepare('SELECT id, hash FROM chain_events WHERE station_id = ? AND id BETWEEN ? AND ?').all(stationId, fromId, toId) as Array<{ id: number; hash: string }>;
    return { key: key ? { algorithm: key.algorithm, publicKey: key.public_key } : null, known: new Map(rows.map((r) => [r.id, r.hash])) };
  }

  async stations(): Promise<StationRow[]> {
    return (this.db.prepare(STATIONS_SQL).all() as Array<Record<string, unknown>>).map(toStationRow);
  }

  async search(text: string, limit: number): Promise<ItemHit[]> {
    const like = substringPattern(text);
    const rows = this.db
      .prepare("SELECT station_id, batch_id, archival_code, title, fields FROM items WHERE archival_code LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' OR fields LIKE ? ESCAPE '\\' ORDER BY station_id, batch_id, seq LIMIT ?")
      .all(like, like, like, limit) as Array<{ station_id: string; batch_id: string; archival_code: string; title: string; fields: string }>;
    return rows.map((r) => ({ stationId: r.station_id, batchId: r.batch_id, archivalCode: r.archival_code, title: r.title, fields: JSON.parse(r.fields) as Record<string, string> }));
  }

  async supervisionFiles(): Promise<SupervisionFile[]> {
    const rows = this.db.prepare('SELECT file FROM supervision ORDER BY station_id, batch_id').pluck().all() as string[];
    // Validated when the bag was received; read back as written.
    return rows.map((r) => JSON.parse(r) as SupervisionFile);
  }

  async receipts(): Promise<Array<{ prefix: string; batchId: string; version: string; status: string; ackSha256: string }>> {
    return this.db.prepare("SELECT prefix, batch_id AS batchId, version, status, ack_sha256 AS ackSha256 FROM receipts WHERE state = 'acked' ORDER BY prefix, batch_id").all() as Array<{ prefix: string; batchId: string; version: string; status: string; ackSha256: string }>;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
