import type { ApiResult, CoreEvent, MethodName } from './api';

/** Commands the Electron menu sends to the page (the page knows the current batch). */
export type DeskCommand =
  | { readonly type: 'batch.new' }
  /** Files picked in the native 文件 › 导入 dialog, to import into the current batch. */
  | { readonly type: 'import.paths'; readonly paths: readonly string[] };

/**
 * A file the page got from a drop or a file picker: a DOM `File`. shared/ is compiled without the
 * DOM, so the contract names the part it promises; the preload hands the object to Electron as
 * the File it is.
 */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

/**
 * What the Electron preload exposes as `window.hpfDesk` (via contextBridge): one definition for
 * the preload that implements it and the renderer that reads it.
 */
export interface DeskBridge {
  /**
   * Forward one API call to the core and resolve with its result envelope. The core validates
   * the request, so the preload does no checking of its own; it rejects only on a broken channel.
   */
  call(method: MethodName, request: unknown): Promise<ApiResult<unknown>>;
  /** Subscribe to core push events; returns a function that unsubscribes. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Absolute path of a dropped or picked file (Electron's `webUtils.getPathForFile`); '' when it has none. */
  pathForFile(file: PickedFile): string;
  /** URL the renderer can put in `<img src>` for a stored object. */
  blobUrl(sha256: string): string;
  /** Menu commands; returns a function that unsubscribes. Absent outside Electron. */
  onCommand?(listener: (command: DeskCommand) => void): () => void;
}

/**
 * The page's Content-Security-Policy, the same under Electron's `app://` and the loopback bridge;
 * `imageSchemes` adds where stored page images come from (`hpf-blob:` in Electron).
 */
export function contentSecurityPolicy(imageSchemes: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self'", ...imageSchemes, 'data: blob:'].join(' '),
    "connect-src 'self'",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The header a browser page on the loopback bridge sends its page key in, beside the cookies
 * (which every local listener the browser visits receives too); the bridge refuses calls without it.
 */
export const PAGE_KEY_HEADER = 'x-hpf-page';
