/** The bytes a request asks for: `[start, end)` of the object, or the whole of it. */
export type ByteRange = { readonly kind: 'whole' } | { readonly kind: 'part'; readonly start: number; readonly end: number } | { readonly kind: 'unsatisfiable' };

/**
 * A `Range` header against an object of `size` bytes (RFC 9110 §14): `bytes=a-b`, `bytes=a-` and
 * `bytes=-n`. A header we do not serve (another unit, several ranges, nonsense) is ignored and the
 * whole object sent, as the RFC allows; a range that starts past the end is unsatisfiable (416).
 * A PDF viewer asks for a large file's pages by ranges; an <img> asks for the whole.
 */
export function parseByteRange(header: string | null, size: number): ByteRange {
  const m = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? size - 1 : Number(m[2]);
  if (start >= size) return { kind: 'unsatisfiable' };
  if (last < start) return { kind: 'whole' };
  return { kind: 'part', start, end: Math.min(last + 1, size) };
}
