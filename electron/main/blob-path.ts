import path from 'node:path';
import { BLOB_HOST, BLOB_SCHEME } from './app-origin';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Where the core's content-addressed store keeps an object: `<dataDir>/objects/ab/abcdef…`.
 * Computed here rather than asked of the core process so showing a thumbnail costs no round
 * trip; must match `BlobStore.pathOf` in the core. Returns null unless `sha256` is 64 lowercase
 * hex digits, so no other file under the data directory can be named.
 */
export function blobPathFor(dataDir: string, sha256: string): string | null {
  if (!SHA256_HEX.test(sha256)) return null;
  return path.join(path.resolve(dataDir), 'objects', sha256.slice(0, 2), sha256);
}

/** The SHA-256 named by `hpf-blob://objects/<sha256>`, or null for any other shape of URL. */
export function sha256FromBlobUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${BLOB_SCHEME}:` || parsed.host !== BLOB_HOST) return null;
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') return null;
  const sha256 = parsed.pathname.slice(1);
  return parsed.pathname.startsWith('/') && SHA256_HEX.test(sha256) ? sha256 : null;
}
