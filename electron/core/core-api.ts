import type { ObjectContent, ObjectPiece } from './files/blob-store';
import type { CoreEvent } from '../../shared/contract';
import type { Dispatch } from './api/dispatcher';
import type { CredentialProvider } from './sync/credentials';
import type { DeskSession } from './auth/access';
import type { OcrHostLauncher } from './ocr/ocr-host-launcher';
import type { CryptoSuite } from './files/crypto-suite';
import type { KekSource } from './store/keys/kek-source';
import type { MediaHostLauncher } from './media/media-pool';

export interface CoreOptions {
  /** The data directory: database, objects, temp files. */
  readonly dataDir: string;
  /** Who acts when no user is signed in: background work, the CLI on a station without users. */
  readonly actor?: string;
  /** 全宗号 and station name used when the store is created. */
  readonly fonds?: string;
  readonly stationName?: string;
  /** A new store's station id (from a provisioning file); an existing store keeps its own. */
  readonly stationId?: string;
  /** Media decoder processes; default from CPU count and free memory. */
  readonly workers?: number;
  /** Time limit of one media step (hashing a file, one page); default MEDIA_STEP_TIME_LIMIT_MS. Tests shorten it. */
  readonly mediaStepTimeLimitMs?: number;
  /** openCore: OCR every page in the background (default on; env HPF_DESK_BACKGROUND_OCR=off). */
  readonly backgroundOcr?: boolean;
  /** Keys for S3 sync targets: the keychain in the desktop app; default the AWS environment variables. */
  readonly credentials?: CredentialProvider;
  /** Starts OCR host processes: a Node child process by default; the desktop app's main process forks them. */
  readonly ocrHost?: OcrHostLauncher;
  /**
   * What may unlock the store's data key, tried in order; a new store is wrapped for the first.
   * Default: the OS user's key file, then HPF_DESK_STORE_PASSPHRASE. The app puts its keychain first.
   */
  readonly keys?: readonly KekSource[];
  /** A new store's object algorithms (`hpf-desk init --crypto sm`); an existing store keeps its own. Default HPF_DESK_CRYPTO, else standard. */
  readonly crypto?: CryptoSuite;
  /** Starts media decoder processes, likewise. */
  readonly mediaHost?: MediaHostLauncher;
}

/** The running workstation core as transports see it. */
export interface Core {
  readonly dataDir: string;
  /** Every call carries its connection's session: who signed in there is who acts. */
  readonly dispatch: Dispatch;
  /** A new, signed-out session for a new connection (a window, a browser). */
  newSession(): DeskSession;
  /** Subscribe to push events; returns the unsubscribe function. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** A stored object's plaintext, to serve it (null unless the store holds `sha256`, 64 lowercase hex digits). */
  readBlob(sha256: string): Promise<ObjectContent | null>;
  /** A piece of it (see readPiece): the desktop app's hpf-blob: protocol streams objects this way across processes. */
  readBlobPiece(sha256: string, start: number, length: number): Promise<ObjectPiece | null>;
  close(): Promise<void>;
}
