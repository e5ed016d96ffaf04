import path from 'node:path';

export type SafePathResult =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'forbidden'; readonly reason: string };

const INDEX_FILE = 'index.html';

/**
 * Map the path of an `app://` URL to a file under `root`, or refuse it. The URL parser already
 * folds `..` segments, so everything here is defence in depth against what it lets through:
 * encoded separators and dots, double encoding, backslashes, NUL, drive letters and absolute
 * paths. Anything odd is refused rather than repaired; the renderer's own files never need it.
 */
export function resolveSafePath(root: string, urlPathname: string, pathApi: path.PlatformPath = path): SafePathResult {
  const forbidden = (reason: string): SafePathResult => ({ kind: 'forbidden', reason });
  if (urlPathname.includes('\\') || urlPathname.includes('\0')) return forbidden('backslash or NUL');
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return forbidden('malformed percent-encoding');
  }
  // A `%` left after one decoding means the path was encoded twice (e.g. `%252e%252e`).
  if (/[\\\0%]/.test(decoded)) return forbidden('double encoding, backslash or NUL');
  if (!decoded.startsWith('/')) return forbidden('relative path');
  const relative = decoded === '/' ? INDEX_FILE : decoded.slice(1);
  const segments = relative.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return forbidden('empty or dot segment');
    if (segment.includes(':')) return forbidden('drive letter or stream name');
  }
  const resolvedRoot = pathApi.resolve(root);
  const resolved = pathApi.resolve(resolvedRoot, ...segments);
  if (!isInside(resolvedRoot, resolved, pathApi)) return forbidden('outside the root');
  return { kind: 'file', path: resolved };
}

/** True when `candidate` is `root` itself or below it (both absolute). Used again after realpath. */
export function isInside(root: string, candidate: string, pathApi: path.PlatformPath = path): boolean {
  const relative = pathApi.relative(root, candidate);
  if (relative === '') return true;
  const escapes = relative === '..' || relative.startsWith(`..${pathApi.sep}`);
  return !escapes && !pathApi.isAbsolute(relative);
}
