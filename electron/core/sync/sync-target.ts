import type { Readable } from 'node:stream';
import type { BagFile } from '../transfer/bag-layout';
import type { UploadLedger } from '../transfer/upload-ledger';
import type { TokenBucket } from './throttle';

/** What a sender lends a target for one bag. */
export interface TransferIo {
  readonly signal: AbortSignal;
  readonly bucket: TokenBucket;
  /** Bytes of a file that reached the target (progress). */
  readonly onSent: (bytes: number) => void;
  readonly ledger: UploadLedger;
}

export type ObjectCheck = 'ok' | 'missing' | 'mismatch';

/**
 * A place bags go. The sender (sync-engine) owns the protocol — payload first, tag files next,
 * the commit marker last, each file read back before it counts — so a target only moves bytes
 * and reads them back. Paths: `bags/<batch>/<bag path>`, `acks/<batch>.json`, `config/<name>`.
 */
/**
 * A bag file's content on this station: a stored object, decrypted as it is read (bags travel in
 * the clear, as the centre reads them; the store holds them encrypted).
 */
export interface LocalContent {
  /** The whole content, from its first byte. */
  stream(): Readable;
  /** `length` bytes from `start` (a multipart upload's part). */
  range(start: number, length: number): Promise<Buffer>;
}

export interface SyncTarget {
  /** Identity in the upload ledger. */
  readonly id: string;
  readonly label: string;
  /**
   * Write one file of a bag from its local content (idempotent: writing it again replaces it).
   * `ok` when the server's answer already carries a checksum it computed over what it received
   * and that checksum equals ours; `unverified` leaves the proof to `check`.
   */
  put(batchId: string, file: BagFile, source: LocalContent, io: TransferIo): Promise<'ok' | 'unverified'>;
  /**
   * Compare what the target holds with our own copy (`source`): size and a
   * checksum the target computed, or the content read back; a server's say-so is never taken.
   */
  check(batchId: string, file: BagFile, source: LocalContent, io: TransferIo): Promise<ObjectCheck>;
  /** Make a bag whose every file, commit marker last, was verified visible as complete. */
  commit(batchId: string): Promise<void>;
  /** The central archive's acknowledgement of a batch, or null while there is none. */
  readAck(batchId: string, signal: AbortSignal): Promise<Buffer | null>;
  /** A reference-data file under `config/`, or null. */
  readConfig(name: string, signal: AbortSignal): Promise<Buffer | null>;
  close(): void;
}

/** Largest acknowledgement or reference-data file accepted (a 100 000-page batch's ack is ~15 MB). */
export const MAX_SMALL_OBJECT = 64 * 1024 * 1024;
