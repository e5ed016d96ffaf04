import type { SourceFormat } from './types';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  sig.every((v, i) => b[at + i] === v);

/** Known formats we do not accept, named so the clerk learns what the file really is. */
const OTHERS: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['ZIP/Office', [0x50, 0x4b, 0x03, 0x04]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['BMP', [0x42, 0x4d]],
  ['RAR', [0x52, 0x61, 0x72, 0x21]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['EXE', [0x4d, 0x5a]],
  ['OLE/Office 97', [0xd0, 0xcf, 0x11, 0xe0]],
];

/**
 * Identify a file by its first bytes, never by its extension: a renamed file must not reach a
 * decoder that expects something else.
 */
export function sniffType(head: Uint8Array): { format: SourceFormat } | { format: null; looksLike: string } {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { format: 'jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { format: 'png' };
  // Classic TIFF (42) and BigTIFF (43, for files past 4 GB and some archive systems), either byte order.
  for (const magic of [0x2a, 0x2b]) {
    if (startsWith(head, [0x49, 0x49, magic, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, magic])) return { format: 'tiff' };
  }
  // PDF readers accept the header anywhere in the first KiB.
  const text = new TextDecoder('latin1').decode(head.subarray(0, 1024));
  if (text.includes('%PDF-')) return { format: 'pdf' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { format: null, looksLike: 'WebP' };
  }
  for (const [name, sig] of OTHERS) if (startsWith(head, sig)) return { format: null, looksLike: name };
  const printable = head.subarray(0, 512).every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 128);
  return { format: null, looksLike: printable ? 'text' : 'unknown binary' };
}
