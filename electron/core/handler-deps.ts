import type { CoreEvent } from '../../shared/contract';
import type { CallerScope } from './auth/caller-scope';
import type { ScanRunner } from './capture/scan-runner';
import type { BlobStore } from './files/blob-store';
import type { MediaPool } from './media/media-pool';
import type { OcrService } from './ocr/ocr-service';
import type { BarcodeReader } from './separators/barcode-reader';
import type { Db } from './store/open-database';
import type { CredentialProvider } from './sync/credentials';
import type { SyncService } from './sync/sync-service';

/**
 * The running parts of the core that the API handlers work with, assembled once by openCore.
 * It sits beside core-api.ts rather than in api/handlers.ts so that the handler slices depend on
 * this list of parts, not on the file that composes them.
 */
export interface HandlerDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly pool: MediaPool;
  readonly dataDir: string;
  /** The acting user's name (the signed-in caller), read anew at every use: see CallerScope. */
  readonly actor: string;
  readonly callers: CallerScope;
  readonly emit: (event: CoreEvent) => void;
  /** Keys for S3 sync targets (keychain, environment or file). */
  readonly credentials: CredentialProvider;
  /** The background sender of the transfer queue. */
  readonly sync: SyncService;
  /** Scan sessions running in the background for the UI. */
  readonly scans: ScanRunner;
  /** The OCR queue runner (started by the app, by `hpf-desk ocr`). */
  readonly ocr: OcrService;
  /** Reads separator/cover sheet barcodes off the UI thread. */
  readonly barcodes: BarcodeReader;
}
