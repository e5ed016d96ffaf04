import { mkdir, readdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Batch, CoreEvent } from '../../shared/contract';
import { startBridge, type Bridge } from '../../electron/core/bridge/bridge-server';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { TEST_ADMIN } from '../helpers/desk-session';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * What a browser page on the bridge must show besides its cookies, which every local listener it
 * visits receives too: the page key from the entry link's fragment. And what follows the session:
 * its cookie value (renamed at sign-in and sign-out), the event stream, uploads and their quota.
 */
const tempDir = useTempDirs();
const running: Array<{ core: Core; bridge: Bridge }> = [];
afterEach(async () => {
  for (const { core, bridge } of running.splice(0)) {
    await bridge.close();
    await core.close();
  }
});

async function start(uploadQuota?: { bytes: number; files: number }) {
  const root = await tempDir();
  const rendererDir = path.join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  const core = await openCore({ dataDir: path.join(root, 'data'), workers: 1, backgroundOcr: false });
  const bridge = await startBridge({ core, rendererDir, ...(uploadQuota ? { uploadQuota } : {}) });
  running.push({ core, bridge });
  return { root, core, bridge, base: `http://127.0.0.1:${bridge.port}` };
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A browser page: its cookie jar (updated from every answer) and the keys from the entry link's fragment. */
async function openPage(bridge: Bridge) {
  const jar = new Map<string, string>();
  const keep = (answer: Answer) => {
    for (const c of answer.headers['set-cookie'] ?? []) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return answer;
  };
  const entry = keep(await request(bridge.url));
  expect(entry.status).toBe(303);
  const fragment = new URLSearchParams(new URL(entry.headers.location!, bridge.url).hash.slice(1));
  const pageKey = fragment.get('k')!;
  const blobKey = fragment.get('b')!;
  expect(pageKey).toMatch(/^[\w-]{40,}$/);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const sessionCookie = () => jar.get(`hpf_desk_session_${bridge.port}`);
  const base = `http://127.0.0.1:${bridge.port}`;
  const call = async (method: string, body: unknown = {}, withKey = true) => {
    const answer = keep(await request(`${base}/api/call/${method}`, { method: 'POST', headers: { cookie: cookie(), ...(withKey ? { 'x-hpf-page': pageKey } : {}) }, body: JSON.stringify(body) }));
    return { status: answer.status, result: answer.status === 200 ? (JSON.parse(answer.body) as { ok: boolean; value?: never; error?: { code: string } }) : null };
  };
  const upload = async (name: string, bytes: Buffer) => {
    const answer = await request(`${base}/api/upload`, { method: 'POST', headers: { cookie: cookie(), 'x-hpf-page': pageKey, 'x-file-name': name }, body: bytes });
    return { status: answer.status, body: JSON.parse(answer.body) as { path?: string; error?: { message: string; details?: { reason: string } } } };
  };
  const events = (key = pageKey) => new WebSocket(`ws://127.0.0.1:${bridge.port}/api/events?k=${encodeURIComponent(key)}`, { headers: { cookie: cookie() } });
  return { pageKey, blobKey, cookie, sessionCookie, call, upload, events };
}

const opened = (ws: WebSocket) =>
  new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('error', () => resolve(false));
  });

describe('bridge pages', () => {
  it('refuses a request that has the cookies but not the page key', async () => {
    const { bridge } = await start();
    const page = await openPage(bridge);
    expect((await page.call('session.signIn', TEST_ADMIN)).result).toMatchObject({ ok: true });
    expect((await page.call('batches.list')).result).toEqual({ ok: true, value: [] });
    // What another local listener holds after the browser visited it: the cookies, no key.
    const replayed = await page.call('batches.list', {}, false);
    expect(replayed.status).toBe(401);
    const wrongKey = await request(`http://127.0.0.1:${bridge.port}/api/call/batches.list`, { method: 'POST', headers: { cookie: page.cookie(), 'x-hpf-page': page.blobKey }, body: '{}' });
    expect(wrongKey.status).toBe(401);
    // Page images take the image key in their address (an <img> sends no headers): an object
    // this store lacks is "not found" with it, and nobody's business without it.
    const blob = (query: string) => request(`http://127.0.0.1:${bridge.port}/blob/${'ab'.repeat(32)}${query}`, { headers: { cookie: page.cookie() } }).then((r) => r.status);
    expect(await blob(`?k=${page.blobKey}`)).toBe(404);
    expect(await blob('')).toBe(401);
    expect(await blob(`?k=${page.pageKey}`)).toBe(401);
  });

  it('renames the session at sign-in and sign-out, so an earlier cookie is worth nothing', async () => {
    const { bridge } = await start();
    const page = await openPage(bridge);
    const atEntry = page.sessionCookie();
    await page.call('session.signIn', TEST_ADMIN);
    const signedIn = page.sessionCookie();
    expect(signedIn).toBeDefined();
    expect(signedIn).not.toBe(atEntry);
    // Calls that do not change who is signed in keep the name.
    await page.call('batches.list');
    expect(page.sessionCookie()).toBe(signedIn);
    await page.call('session.signOut');
    const signedOut = page.sessionCookie();
    expect(signedOut).not.toBe(signedIn);
    await page.call('session.signIn', TEST_ADMIN);
    // The name the signed-in session had before signing out opens nothing now.
    const stale = await request(`http://127.0.0.1:${bridge.port}/api/call/batches.list`, {
      method: 'POST',
      headers: { cookie: page.cookie().replace(page.sessionCookie()!, signedIn!), 'x-hpf-page': page.pageKey },
      body: '{}',
    });
    expect(stale.status).toBe(401);
  });

  it('streams events only to a signed-in page with its key, and ends the stream at sign-out', async () => {
    const { bridge } = await start();
    const page = await openPage(bridge);
    expect(await opened(page.events())).toBe(false);
    await page.call('session.signIn', TEST_ADMIN);
    expect(await opened(page.events('not-the-key'))).toBe(false);
    const ws = page.events();
    expect(await opened(ws)).toBe(true);
    const received: CoreEvent[] = [];
    ws.on('message', (m) => received.push(JSON.parse(m.toString()) as CoreEvent));
    const changed = new Promise<void>((resolve) => ws.on('message', () => resolve()));
    const { result } = await page.call('batches.create', { name: '柜台 001' });
    await changed;
    expect(received).toContainEqual({ type: 'batch.changed', batchId: (result!.value as unknown as Batch).id });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await page.call('session.signOut');
    expect(await closed).toBe(4401);
  });

  it('takes uploads only from a signed-in, unlocked page, within its quota until it imports them', async () => {
    const { bridge, root } = await start({ bytes: 1000, files: 3 });
    const page = await openPage(bridge);
    expect((await page.upload('a.jpg', Buffer.alloc(10))).status).toBe(401);
    await page.call('session.signIn', TEST_ADMIN);
    const first = await page.upload('a.jpg', Buffer.alloc(600));
    expect(first.status).toBe(200);
    const tooMuch = await page.upload('b.jpg', Buffer.alloc(600));
    expect(tooMuch.status).toBe(413);
    expect(tooMuch.body.error?.details?.reason).toBe('quota_bytes');
    expect(tooMuch.body.error?.message).toMatch(/import them first/);
    // Another page (another session) has a quota of its own.
    const other = await openPage(bridge);
    await other.call('session.signIn', TEST_ADMIN);
    expect((await other.upload('c.jpg', Buffer.alloc(600))).status).toBe(200);
    // Importing what was uploaded gives the quota back (the file itself is refused: not an image).
    const batch = (await page.call('batches.create', { name: '柜台 002' })).result!.value as unknown as Batch;
    await page.call('import.paths', { batchId: batch.id, paths: [first.body.path] });
    expect((await page.upload('b.jpg', Buffer.alloc(600))).status).toBe(200);
    // Locked, the page uploads nothing.
    await page.call('session.lock');
    expect((await page.upload('d.jpg', Buffer.alloc(10))).status).toBe(401);
    expect(await readdir(path.join(root, 'data', 'incoming'))).toHaveLength(2);
  });

  it('counts files against the quota as well as bytes', async () => {
    const { bridge } = await start({ bytes: 1_000_000, files: 2 });
    const page = await openPage(bridge);
    await page.call('session.signIn', TEST_ADMIN);
    expect((await page.upload('1.jpg', Buffer.alloc(1))).status).toBe(200);
    expect((await page.upload('2.jpg', Buffer.alloc(1))).status).toBe(200);
    const third = await page.upload('3.jpg', Buffer.alloc(1));
    expect(third.status).toBe(413);
    expect(third.body.error?.details?.reason).toBe('quota_files');
  });
});
