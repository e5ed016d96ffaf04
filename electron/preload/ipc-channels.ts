import type { ApiResult, CoreEvent } from '../../shared/contract';

/**
 * The IPC surface between the shell and the page, shared by the main process and the preload
 * script so the channel names cannot drift. Types and constants only: both bundles inline them.
 */
export const CALL_CHANNEL = 'hpf:call';
export const EVENT_CHANNEL = 'hpf:event';
export const COMMAND_CHANNEL = 'hpf:command';

/** Commands the application menu sends to the page (the page owns the current batch). */
export type DeskCommand =
  | { readonly type: 'batch.new' }
  /** Files the user picked in the native dialog of 文件 › 导入; the page imports them into its current batch. */
  | { readonly type: 'import.paths'; readonly paths: readonly string[] };

/** What the preload script exposes to the page as `window.hpfDesk`. */
export interface DeskBridge {
  /** Forwards to the core's dispatcher; resolves to its raw result (errors are values, not throws). */
  call(method: string, request: unknown): Promise<ApiResult<unknown>>;
  /** Core push events; returns the unsubscribe function. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Menu commands; returns the unsubscribe function. */
  onCommand(listener: (command: DeskCommand) => void): () => void;
  /** The real path of a file from an `<input type=file>` or a drop ('' if it has none). */
  pathForFile(file: File): string;
  /** URL under which a stored object can be shown (`<img src>`); throws unless `sha256` is valid. */
  blobUrl(sha256: string): string;
}
