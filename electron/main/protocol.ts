import { net, protocol, type Session } from 'electron';
import { realpath, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME, BLOB_SCHEME, CONTENT_SECURITY_POLICY } from './app-origin';
import { MAX_PIECE } from '../core/host/blob-piece';
import { sha256FromBlobUrl } from './blob-path';
import { parseByteRange } from './byte-range';
import type { CoreHost } from './core-host';
import { mimeTypeForFile, mimeTypeForObject } from './mime-types';
import { isInside, resolveSafePath } from '../core/util/safe-path';

/**
 * Must run before `app` is ready. `app:` is standard and secure so the renderer gets a real
 * origin (`app://desk`), `fetch`, and a secure context (needed for getUserMedia). `hpf-blob:`
 * only feeds `<img>`: no `corsEnabled` (which would make it readable from any origin without
 * checking Access-Control-Allow-Origin) and no fetch support.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: BLOB_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

export interface ProtocolRoots {
  /** dist/renderer: the only directory `app://desk/` can read. */
  readonly rendererRoot: string;
  /** A piece of a stored object's plaintext, as the core reads it (the objects on disk are encrypted). */
  readonly readBlob: CoreHost['readBlob'];
  /** Page images are personal data: served only while a window is signed in and not locked. */
  readonly blobsAllowed: () => boolean;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

/** Stream a file through Chromium's file loader and re-wrap it with our own headers. */
async function serveFile(filePath: string, headers: Readonly<Record<string, string>>, method: string): Promise<Response> {
  const upstream = await net.fetch(pathToFileURL(filePath).href);
  if (!upstream.ok) return plain(404, 'not found');
  return new Response(method === 'HEAD' ? null : upstream.body, { status: 200, headers: { ...SECURITY_HEADERS, ...headers } });
}

async function serveApp(request: Request, rendererRoot: string, realRoot: Promise<string>): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return plain(404, 'not found');
  const resolved = resolveSafePath(rendererRoot, url.pathname);
  if (resolved.kind === 'forbidden') return plain(403, 'forbidden');
  if (!(await isFile(resolved.path))) return plain(404, 'not found');
  // A symlink inside dist/renderer must not lead out of it either.
  if (!isInside(await realRoot, await realpath(resolved.path))) return plain(403, 'forbidden');
  return serveFile(resolved.path, { 'Content-Type': mimeTypeForFile(resolved.path), 'Cache-Control': 'no-cache' }, request.method);
}

/**
 * A stored object, streamed: the core reads and decrypts it piece by piece as Chromium takes the
 * body (pull), so a 500 MB PDF is never whole in this process or in the core. Ranges are served
 * for viewers that ask for parts of a large file.
 */
async function serveBlob(request: Request, readBlob: ProtocolRoots['readBlob'], allowed: () => boolean): Promise<Response> {
  if (!allowed()) return plain(401, 'sign in first');
  const sha256 = sha256FromBlobUrl(request.url);
  if (sha256 === null) return plain(400, 'bad object address');
  // Its first bytes tell its type; the answer also gives its size.
  const head = await readBlob(sha256, 0, 1024);
  if (head === null) return plain(404, 'not found');
  const { size } = head;
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeForObject(head.bytes),
    // Content-addressed: the bytes behind a name never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Accept-Ranges': 'bytes',
  };
  const range = parseByteRange(request.headers.get('Range'), size);
  if (range.kind === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size];
  const part: Record<string, string> = range.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end - 1}/${size}` } : {};
  const body = request.method === 'HEAD' ? null : pieces(readBlob, sha256, start, end);
  return new Response(body, { status: range.kind === 'part' ? 206 : 200, headers: { ...headers, ...part, 'Content-Length': String(end - start) } });
}

/** Bytes `[start, end)` of an object, one piece asked of the core each time the reader wants more. */
function pieces(readBlob: ProtocolRoots['readBlob'], sha256: string, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (position >= end) return controller.close();
      const piece = await readBlob(sha256, position, Math.min(MAX_PIECE, end - position));
      // Gone or damaged since the head was read: the response fails rather than ending short and looking whole.
      if (piece === null || piece.bytes.length === 0) return controller.error(new Error(`object ${sha256} could not be read at byte ${position}`));
      position += piece.bytes.length;
      controller.enqueue(piece.bytes);
    },
  });
}

/** Serve the renderer and stored objects on `session` (read-only: anything but GET/HEAD is refused). */
export function registerProtocolHandlers(session: Session, roots: ProtocolRoots): void {
  const realRoot = realpath(roots.rendererRoot);
  // Surfaced on first request instead; an unhandled rejection here would be noise.
  realRoot.catch(() => undefined);
  const readOnly = (serve: (request: Request) => Promise<Response>) => async (request: Request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    try {
      return await serve(request);
    } catch (err) {
      console.error(`[protocol] ${request.url}:`, err);
      return plain(500, 'internal error');
    }
  };
  session.protocol.handle(APP_SCHEME, readOnly((request) => serveApp(request, roots.rendererRoot, realRoot)));
  session.protocol.handle(BLOB_SCHEME, readOnly((request) => serveBlob(request, roots.readBlob, roots.blobsAllowed)));
}
