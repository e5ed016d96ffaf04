import path from 'node:path';
import { sniffType } from '../core/media/sniff-type';
import { MIME } from '../core/media/types';

/** Types for the renderer's own build output; anything else is served as opaque bytes. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const OCTET_STREAM = 'application/octet-stream';

export function mimeTypeForFile(filePath: string): string {
  return BY_EXTENSION[path.extname(filePath).toLowerCase()] ?? OCTET_STREAM;
}

/**
 * Stored objects have no extension: their type comes from their first bytes, using the core's
 * own signature table so the two never disagree.
 */
export function mimeTypeForObject(head: Uint8Array): string {
  const sniffed = sniffType(head);
  if (sniffed.format !== null) return MIME[sniffed.format];
  return sniffed.looksLike === 'WebP' ? 'image/webp' : OCTET_STREAM;
}
