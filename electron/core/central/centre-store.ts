import { COMMIT_MARKER } from '../transfer/bag-text';

/** A committed bag as the centre's store lists it: where, which batch, and which write of its commit marker. */
export interface CommittedBag {
  /** The station's prefix ('' or ending in '/'). */
  readonly prefix: string;
  readonly batchId: string;
  /**
   * Which write of the marker: a station writes it again after a re-send (contract §3), which is
   * a new version to check even when its bytes are the same. Stores give its time coarsely (a
   * bucket listing in whole seconds, a FAT disk in two), so the receiver retires a write it
   * rejected (receiver.ts) before the station can hear of it: a re-send is then a marker that was
   * not there, whatever its time.
   */
  readonly version: string;
}

export const markerKey = (bag: Pick<CommittedBag, 'prefix' | 'batchId'>): string => `${bag.prefix}bags/${bag.batchId}/${COMMIT_MARKER}`;
export const ackKey = (bag: Pick<CommittedBag, 'prefix' | 'batchId'>): string => `${bag.prefix}acks/${bag.batchId}.json`;

/**
 * Where the centre finds stations' bags and answers them: an S3 bucket (bucket.ts) or a folder —
 * a returned USB disk or a share offline branches write to (folder-store.ts). Both hold the
 * station's layout (`<prefix>bags/<batch>/…`, `<prefix>acks/<batch>.json`, `<prefix>config/…`),
 * addressed by the same slash-separated keys, so one receiver serves both.
 */
export interface CentreStore {
  /** For people: the bucket's URI or the folder. */
  readonly label: string;
  /** Every committed bag of every station the store holds. */
  committedBags(): Promise<CommittedBag[]>;
  /**
   * The version of a bag's marker now (null: none). A pass lists the store once; by the time it
   * claims a bag, another receiver may have judged and retired that write (a rejection removes
   * the marker), and a claim on a retired write's freed key would judge it twice.
   */
  markerVersion(bag: Pick<CommittedBag, 'prefix' | 'batchId'>): Promise<string | null>;
  /** Every file of a bag, by bag path. */
  bagFiles(bag: Pick<CommittedBag, 'prefix' | 'batchId'>): Promise<Map<string, Buffer>>;
  read(key: string): Promise<Buffer | null>;
  /** Write whole or not at all: a station never reads half an acknowledgement. */
  write(key: string, bytes: Buffer): Promise<void>;
  /** Remove an object; removing a missing one is done. */
  remove(key: string): Promise<void>;
  close(): void;
}
