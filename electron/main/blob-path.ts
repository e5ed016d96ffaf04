import { BLOB_HOST, BLOB_SCHEME } from './app-origin';

const SHA256_HEX = /^[0-9a-f]{64}$/;

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
