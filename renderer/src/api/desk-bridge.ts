import type { ApiResult, CoreEvent, MethodName } from '../../../shared/contract';

/** Commands the Electron menu sends to the page (the page knows the current batch). */
export type DeskCommand =
  | { readonly type: 'batch.new' }
  /** Files picked in the native 文件 › 导入 dialog, to import into the current batch. */
  | { readonly type: 'import.paths'; readonly paths: readonly string[] };

/**
 * What the Electron preload exposes as `window.hpfDesk` (via contextBridge). The name and these
 * four members are fixed; the preload implements them and the renderer only reads them.
 * Types only: no values, no DOM or Node imports beyond the `File` type.
 */
export interface DeskBridge {
  /**
   * Forward one API call to the core and resolve with its result envelope. The core validates
   * the request, so the preload does no checking of its own; it should not reject except on a
   * broken channel.
   */
  call(method: MethodName, request: unknown): Promise<ApiResult<unknown>>;
  /** Subscribe to core push events; returns a function that unsubscribes. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /**
   * Absolute path of a dropped or picked file on this machine (Electron's
   * `webUtils.getPathForFile`); an empty string when the File has no path.
   */
  pathForFile(file: File): string;
  /** URL the renderer can put in `<img src>` for a stored blob, e.g. `hpf-blob://<sha256>`. */
  blobUrl(sha256: string): string;
  /** Optional: menu commands; returns a function that unsubscribes. */
  onCommand?(listener: (command: DeskCommand) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron shell; absent when served by the loopback bridge. */
    readonly hpfDesk?: DeskBridge;
  }
}
