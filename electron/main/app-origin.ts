// The module itself, not the contract barrel: the sandboxed preload bundles this file and may
// require nothing but 'electron' (the barrel brings zod).
import { contentSecurityPolicy } from '../../shared/contract/desk-bridge';

/**
 * Where the renderer lives and what it may load. Pure values and checks (no Electron import) so
 * the protocol handler, the window hardening and the IPC sender check all agree, and tests can
 * exercise them directly.
 */

/** The renderer is served from `app://desk/…`, never from file:// (which would expose the disk). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Stored objects are shown through `hpf-blob://objects/<sha256>` (read-only, content-addressed). */
export const BLOB_SCHEME = 'hpf-blob';
export const BLOB_HOST = 'objects';

/**
 * One policy for every response: the protocol handler sends it and the session adds it to
 * anything else, so there is no response without it.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([`${BLOB_SCHEME}:`]);

/**
 * True when `url` is a page of the app itself. Compares scheme and host rather than
 * `URL.origin`, which Node reports as "null" for schemes it does not know.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/** Links the user may open in the system browser: https only, never file:, javascript: or custom schemes. */
export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
