import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { WebSocket } from 'ws';
import type { DeskSession } from '../auth/access';
import type { Core } from '../core-api';
import type { ObjectContent } from '../files/blob-store';
import { checkRequest, cookieName, tokenMatches, isAllowedHost, viaBearer, type GuardConfig } from './request-guard';
import { serveStatic } from './static-files';
import { sniffType } from '../media/sniff-type';
import { MIME } from '../media/types';
import { safeUploadName, UploadArea, UploadRefused, type UploadQuota } from './upload';
import { PAGE_KEY_HEADER } from '../../../shared/contract';
import { BridgeSessions, keyMatches, type BridgeEntry } from './bridge-sessions';
import { loadWs } from '../util/load-on-use';

const MAX_JSON_BYTES = 16 * 1024 * 1024;
const SHA256_PATH = /^\/blob\/([0-9a-f]{64})$/;
/** The close code of an event stream whose session signed out (4000–4999: the application's own). */
const SIGNED_OUT_CLOSE = 4401;

export interface BridgeOptions {
  readonly core: Core;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  /** `serve --user`: the entry link opens a session already signed in as this user (password checked by the CLI). */
  readonly signedInUserId?: string;
  /** What one session may hold in uploads not yet imported (a smaller one in tests). */
  readonly uploadQuota?: UploadQuota;
}

export interface Bridge {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The loopback bridge: the same core and the same contract as the Electron IPC transport, over
 * HTTP and a WebSocket on 127.0.0.1, so the real UI runs against the real core in a browser.
 * It only forwards; all validation happens in the core's dispatcher.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { core } = options;
  const token = randomBytes(32).toString('hex');
  const uploads = new UploadArea(path.join(core.dataDir, 'incoming'), options.uploadQuota);
  await uploads.reset();
  const wss = new (await loadWs()).WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let guard: GuardConfig = { port: 0, token };
  const sessions = new BridgeSessions(core.newSession);
  // Open event streams and whose session each serves, so signing out ends them at once.
  const streams = new Map<WebSocket, DeskSession>();
  const closeEvents = (session: DeskSession) => {
    for (const [ws, owner] of streams) if (owner === session) ws.close(SIGNED_OUT_CLOSE, 'signed out');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    // The entry link carries the token once; it becomes a same-site, script-invisible cookie.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!isAllowedHost(req.headers.host, guard.port) || !tokenMatches(url.searchParams.get('token') ?? undefined, token)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('令牌无效 / invalid token');
        return;
      }
      res.appendHeader('set-cookie', `${cookieName(guard.port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      // Following the link starts a new browser page (signed out, unless serve --user); its keys
      // travel in the fragment, which the browser keeps to itself.
      const keys = sessions.open(res, guard.port, options.signedInUserId ?? null);
      res.writeHead(303, { location: `/#k=${keys.pageKey}&b=${keys.blobKey}` });
      res.end();
      return;
    }
    const verdict = checkRequest(req.headers, guard);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`拒绝访问 / refused: ${verdict.reason}. 请使用 hpf-desk serve 打印的链接 / open the link printed by hpf-desk serve`);
      return;
    }
    const entry = sessions.find(req, guard.port);
    // A browser's cookie alone proves nothing (every local listener it visits receives it): the
    // page's key must come with it. Scripts that hold the token itself send it as a bearer.
    const pageProven = viaBearer(req.headers) || keyMatches(req.headers[PAGE_KEY_HEADER] as string | undefined, entry?.pageKey ?? null);
    if (url.pathname.startsWith('/api/') && !pageProven) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('页面密钥缺失，请重新打开 hpf-desk serve 打印的链接 / page key missing: open the link printed by hpf-desk serve again');
      return;
    }
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
      const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const body = await readJson(req);
      // Without a session cookie: a fresh, signed-out session, kept only once someone signs in on it.
      const session = entry?.session ?? core.newSession();
      const userBefore = session.userId;
      const result = body === undefined ? badBody() : await core.dispatch(method, body, session);
      sessions.afterCall(req, res, guard.port, session, userBefore);
      if (session.userId === null && userBefore !== null) closeEvents(session);
      const paths = (body as { paths?: unknown } | undefined)?.paths;
      if (Array.isArray(paths)) await uploads.release(paths);
      sendJson(res, 200, result);
      return;
    }
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      // Bytes on this station's disk: only for someone signed in, and only so many per session.
      if (!working(entry)) {
        sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: '请先登录并解锁 / sign in (and unlock) first' } });
        return;
      }
      try {
        const file = await uploads.receive(req, safeUploadName(req.headers['x-file-name'] as string | undefined), entry.session);
        sendJson(res, 200, { path: file });
      } catch (err) {
        if (!(err instanceof UploadRefused)) throw err;
        sendJson(res, 413, { ok: false, error: { code: 'bad_request', message: err.message, details: { reason: err.reason } } });
      }
      return;
    }
    const blob = SHA256_PATH.exec(url.pathname);
    if (blob && req.method === 'GET') {
      // Page images are personal data too: only for a page someone is signed in on (and that is
      // not locked), which proves itself with its image key.
      const proven = viaBearer(req.headers) || keyMatches(url.searchParams.get('k'), entry?.blobKey ?? null);
      if (!proven || !working(entry)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('请先登录 / sign in first');
        return;
      }
      sendBlob(res, await core.readBlob(blob[1]!));
      return;
    }
    if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      await serveStatic(options.rendererDir, url.pathname, res);
      return;
    }
    res.writeHead(404).end();
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry = sessions.find(req, guard.port);
    // Events name files and batches: only for a signed-in page, which proves itself with its key
    // in the address (a browser's WebSocket cannot send headers).
    const proven = viaBearer(req.headers) || keyMatches(url.searchParams.get('k'), entry?.pageKey ?? null);
    if (url.pathname !== '/api/events' || !checkRequest(req.headers, guard).ok || !proven || entry?.session.userId == null) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const { session } = entry;
    wss.handleUpgrade(req, socket, head, (ws) => {
      streams.set(ws, session);
      const unsubscribe = core.subscribe((event) => {
        // A user disabled meanwhile is signed out by the core: the stream ends with them.
        if (session.userId === null) ws.close(SIGNED_OUT_CLOSE, 'signed out');
        else ws.send(JSON.stringify(event));
      });
      const end = () => {
        streams.delete(ws);
        unsubscribe();
      };
      ws.on('close', end);
      ws.on('error', end);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  guard = { port, token };
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await uploads.reset();
    },
  };
}

/** A page someone is signed in on and that is not locked. */
const working = (entry: BridgeEntry | undefined): entry is BridgeEntry => entry !== undefined && entry.session.userId !== null && !entry.session.locked;

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

const badBody = () => ({ ok: false, error: { code: 'bad_request', message: 'request body must be JSON' } });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
  } catch {
    return undefined;
  }
}

/** Objects are immutable and named by their hash, so they may be cached for good. */
function sendBlob(res: ServerResponse, object: ObjectContent | null): void {
  if (!object) {
    res.writeHead(404).end();
    return;
  }
  // The type comes from the first bytes, by the same table as Electron's hpf-blob: protocol, so a
  // stored PDF (separator sheets) opens as a PDF in both.
  const sniffed = sniffType(object.head);
  const type = sniffed.format === null ? 'application/octet-stream' : MIME[sniffed.format];
  res.writeHead(200, {
    'content-type': type,
    'content-length': object.size,
    'cache-control': 'private, max-age=31536000, immutable',
  });
  // A chunk that fails its tag ends the answer short: the browser sees a broken download, never altered bytes.
  object.stream.on('error', () => res.destroy()).pipe(res);
}
