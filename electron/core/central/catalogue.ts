import type { CommittedBag } from './centre-store';
import type { ChainHead } from '../audit/event-log';
import type { PublicKeyRef } from '../trust/signing';
import type { HeldChain } from './chain-receipt';
import type { ReceivedBag } from './receipt-checks';
import type { SupervisionFile } from '../../../shared/stats/supervision';

/**
 * The central catalogue: what was received from whom, and the leases that let several receivers
 * share one bucket. Async so a networked database (PostgreSQL, for several receiver hosts) fits
 * the same interface as the default SQLite file (one host, any number of receiver processes).
 *
 * Lease protocol (docs/central-contract.md §8): a receipt is keyed by (prefix, batch, marker
 * version). `claim` takes it when nobody holds a live lease; the holder checks the bag, then
 * `record`s the signed acknowledgement it will write — only while it still holds the lease —
 * then writes it to the bucket and calls `finish`. A holder killed at any point loses nothing: its
 * lease runs out, the next claimer gets the recorded acknowledgement back (`resume`) and writes
 * those same bytes, so a bag's acknowledgement is made once even when its upload is repeated.
 * A rejection retires the write it judged: the receiver removes the marker before writing the
 * acknowledgement, and `finish` frees the key (its version is renamed), so the station's re-send —
 * the marker written anew, possibly with the same ETag in the same listed second — is a new receipt.
 */
export type Claim =
  | { readonly kind: 'claimed' }
  /** Someone recorded the acknowledgement and died before finishing: write these bytes. */
  | { readonly kind: 'resume'; readonly ack: Buffer; readonly status: 'accepted' | 'rejected' }
  | { readonly kind: 'held' }
  | { readonly kind: 'done' };

/** Joins a rejected write's version to its acknowledgement's hash when `finish` retires it. */
export const RETIRED = '~retired:';

export interface RecordedReceipt {
  readonly bag: CommittedBag;
  readonly received: ReceivedBag;
  readonly status: 'accepted' | 'rejected';
  readonly reason: string | null;
  readonly ack: Buffer;
  readonly ackSha256: string;
  readonly receivedAt: string;
  /** The station's key and the chain events the bag carried, when its seal and chain held: kept with the receipt. */
  readonly chain: { readonly key: PublicKeyRef; readonly events: readonly ChainHead[] } | null;
}

export interface StationRow {
  readonly stationId: string;
  readonly name: string;
  readonly fonds: string;
  readonly prefix: string;
  readonly bags: number;
  readonly lastBatch: string;
  readonly lastReceivedAt: string;
  readonly lastStatus: string;
  /** The newest audit-chain event the centre holds for the station. */
  readonly chainHead: ChainHead | null;
}

export interface ItemHit {
  readonly stationId: string;
  readonly batchId: string;
  readonly archivalCode: string;
  readonly title: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface Catalogue {
  claim(bag: CommittedBag, owner: string, leaseMs: number): Promise<Claim>;
  /** Extend a lease still held; false when it was lost. */
  renew(bag: CommittedBag, owner: string, leaseMs: number): Promise<boolean>;
  /** Keep the acknowledgement and the catalogue entries; false (nothing kept) when the lease was lost. */
  record(owner: string, receipt: RecordedReceipt): Promise<boolean>;
  /** The acknowledgement is written: done; a rejected write is retired (its key freed for a re-send). */
  finish(bag: CommittedBag, owner: string): Promise<void>;
  /**
   * Recorded acknowledgements whose holder died (lease out) — the bucket may no longer list them,
   * since a rejection's marker is removed before its acknowledgement is written.
   */
  stranded(): Promise<CommittedBag[]>;
  /** What the centre holds of a station's audit chain between two event ids (both included). */
  stationChain(stationId: string, fromId: number, toId: number): Promise<HeldChain>;
  stations(): Promise<StationRow[]>;
  search(text: string, limit: number): Promise<ItemHit[]>;
  /** The supervision.json of every accepted bag, as received (one per bag; aggregateSupervision counts a re-sent period once). */
  supervisionFiles(): Promise<SupervisionFile[]>;
  /** Every finished receipt (tests and audits): one row per acknowledgement made. */
  receipts(): Promise<Array<{ prefix: string; batchId: string; version: string; status: string; ackSha256: string }>>;
  close(): Promise<void>;
}
