import type { CoreEvent } from '../../shared/contract';
import type { Dispatch } from './api/dispatcher';
import type { CredentialProvider } from './sync/credentials';

export interface CoreOptions {
  /** The data directory: database, objects, temp files. */
  readonly dataDir: string;
  /** Who acts (recorded in the audit log). */
  readonly actor?: string;
  /** 全宗号 and station name used when the store is created. */
  readonly fonds?: string;
  readonly stationName?: string;
  /** Media worker threads; default from CPU count and free memory. */
  readonly workers?: number;
  /** openCore: OCR every page in the background (default on; env HPF_DESK_BACKGROUND_OCR=off). */
  readonly backgroundOcr?: boolean;
  /** Keys for S3 sync targets: the keychain in the desktop app; default the AWS environment variables. */
  readonly credentials?: CredentialProvider;
}

/** The running workstation core as transports see it. */
export interface Core {
  readonly dataDir: string;
  readonly dispatch: Dispatch;
  /** Subscribe to push events; returns the unsubscribe function. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** Absolute path of a stored object (throws unless `sha256` is 64 lowercase hex digits). */
  blobPath(sha256: string): string;
  close(): Promise<void>;
}
