import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../../../shared/contract';
import { resolveSafePath } from '../util/safe-path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Serve a file of the built renderer; unknown paths get the app (client-side routes). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const safe = resolveSafePath(root, urlPath);
  if (safe.kind !== 'file') {
    res.writeHead(404).end();
    return;
  }
  let file = safe.path;
  let info = await stat(file).catch(() => undefined);
  if (!info?.isFile() && !path.extname(file)) {
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const html = file.endsWith('.html');
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': html ? 'no-store' : 'private, max-age=3600',
    ...(html ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  });
  createReadStream(file).pipe(res);
}
