import type { DeskApi, ImportResult } from '../../../shared/contract';
import type { DeskCommand } from './desk-bridge';

/** Failures that happen on the client side before the core sees a file. */
export type ClientFailureCode = 'upload_failed' | 'no_local_path';

export interface ClientFileFailure {
  readonly file: string;
  readonly code: ClientFailureCode;
  readonly message: string;
}

/** Progress of getting files to the core (uploading in a browser; instant in Electron). */
export interface TransferProgress {
  readonly done: number;
  readonly total: number;
  readonly file: string | null;
}

export interface ImportOutcome {
  /** Null when no file could be handed to the core, or when the import call failed. */
  readonly result: ImportResult | null;
  readonly failures: readonly ClientFileFailure[];
  /**
   * Why the import call failed, if it did. Returned rather than thrown so the per-file failures
   * collected before the call are still shown.
   */
  readonly error?: unknown;
}

/**
 * The renderer's view of a transport: the contract's DeskApi (calls throw DeskCallError) plus the
 * few things that differ between Electron and a browser: how files reach the core, how images
 * are addressed and whether the event stream is connected.
 */
export interface DeskClient extends DeskApi {
  readonly mode: 'electron' | 'browser';
  blobUrl(sha256: string): string;
  importFiles(
    batchId: string,
    files: readonly File[],
    onTransfer?: (progress: TransferProgress) => void,
  ): Promise<ImportOutcome>;
  /** Reports the event stream going down and coming back (always connected in Electron). */
  onConnection(listener: (connected: boolean) => void, signal?: AbortSignal): void;
  /** Commands from the application menu (Electron only; never fires in a browser). */
  onCommand(listener: (command: DeskCommand) => void, signal?: AbortSignal): void;
}
