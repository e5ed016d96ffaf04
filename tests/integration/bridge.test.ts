import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Batch, CoreEvent, ImportResult } from '../../shared/contract';
import { startBridge, type Bridge } from '../../electron/core/bridge/bridge-server';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { writeFixtureSet } from '../fixtures/make-files';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const running: Array<{ core: Core; bridge: Bridge }> = [];
afterEach(async () => {
  for (const { core, bridge } of running.splice(0)) {
    await bridge.close();
    await core.close();
  }
});

async function start() {
  const root = await tempDir();
  const rendererDir = path.join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  await writeFile(path.join(root, 'secret.txt'), 'personal data');
  const core = await openCore({ dataDir: path.join(root, 'data'), workers: 1 });
  const bridge = await startBridge({ core, rendererDir });
  running.push({ core, bridge });
  const token = new URL(bridge.url).searchParams.get('token')!;
  const base = `http://127.0.0.1:${bridge.port}`;
  return { root, core, bridge, token, base };
}

/**
 * Sign in over the bridge (the first sign-in on the new station creates its administrator); the
 * answer names the browser session by cookie, which later requests carry with the token.
 */
async function signIn(base: string, token: string, name = 'admin', password = '246800'): Promise<Record<string, string>> {
  const res = await request(`${base}/api/call/session.signIn`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ name, password }) });
  expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { user: { name } } });
  const cookie = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hpf_desk_session_'))!;
  return { authorization: `Bearer ${token}`, cookie: cookie.split(';')[0]! };
}

/** Raw HTTP, so Host and Origin can be set as an attacker's page would. */
function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
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

describe('loopback bridge', () => {
  it('turns the entry token into an HttpOnly same-site cookie and then serves the UI with a CSP', async () => {
    const { bridge, base } = await start();
    const entry = await request(bridge.url);
    expect(entry.status).toBe(303);
    const cookie = entry.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request(`${base}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(`${base}/`)).status).toBe(401);
    expect((await request(`${base}/?token=wrong`)).status).toBe(401);
  });

  it('refuses a missing token, a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const { base, token, bridge } = await start();
    const auth = await signIn(base, token);
    const call = (headers: Record<string, string>) =>
      request(`${base}/api/call/batches.list`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await call({})).status).toBe(401);
    expect((await call({ ...auth, host: `evil.example:${bridge.port}` })).status).toBe(421);
    expect((await call({ ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await call({ ...auth, origin: `http://127.0.0.1:${bridge.port + 1}` })).status).toBe(403);
    const ok = await call({ ...auth, origin: `http://127.0.0.1:${bridge.port}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: [] });
  });

  it('never serves files outside the renderer folder', async () => {
    const { base, token } = await start();
    const auth = { authorization: `Bearer ${token}` };
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%252e%252e/secret.txt', '/..\\secret.txt']) {
      const res = await request(`${base}${p}`, { headers: auth });
      expect(res.body, p).not.toContain('personal data');
    }
  });

  it('validates requests in the core: unknown methods and bad bodies get clear errors', async () => {
    const { base, token } = await start();
    // Before signing in, a method's schema is nobody's business: the caller is refused first.
    const anonymous = await request(`${base}/api/call/batches.create`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{"name": ""}' });
    expect(JSON.parse(anonymous.body).error.code).toBe('unauthenticated');
    const headers = await signIn(base, token);
    const post = (method: string, body: string) => request(`${base}/api/call/${method}`, { method: 'POST', headers, body });
    expect(JSON.parse((await post('nope', '{}')).body).error.code).toBe('unknown_method');
    expect(JSON.parse((await post('batches.create', '{"name": ""}')).body).error.code).toBe('bad_request');
    expect(JSON.parse((await post('batches.create', 'not json')).body).error.code).toBe('bad_request');
  });

  it('uploads, imports with progress events over the WebSocket, and serves page images', async () => {
    const { base, token, root, bridge } = await start();
    const headers = await signIn(base, token);
    const call = async <T>(method: string, body: unknown): Promise<T> => {
      const res = await request(`${base}/api/call/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const parsed = JSON.parse(res.body) as { ok: boolean; value: T };
      expect(parsed.ok).toBe(true);
      return parsed.value;
    };
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/api/events`, { headers });
    const events: CoreEvent[] = [];
    ws.on('message', (m) => events.push(JSON.parse(m.toString()) as CoreEvent));
    await new Promise((resolve) => ws.once('open', resolve));

    const foreign = new WebSocket(`ws://127.0.0.1:${bridge.port}/api/events`, { headers: { ...headers, origin: 'http://evil.example' } });
    await expect(new Promise((resolve, reject) => { foreign.once('open', resolve); foreign.once('error', reject); })).rejects.toThrow();

    const batch = await call<Batch>('batches.create', { name: '柜台 001' });
    const set = await writeFixtureSet(path.join(root));
    const paths: string[] = [];
    for (const file of [set.good.jpeg, set.good.pdf2, set.bad.truncated]) {
      const up = await request(`${base}/api/upload`, {
        method: 'POST',
        headers: { ...headers, 'x-file-name': encodeURIComponent(path.basename(file)) },
        body: await readFile(file),
      });
      paths.push((JSON.parse(up.body) as { path: string }).path);
    }
    const result = await call<ImportResult>('import.paths', { batchId: batch.id, paths });
    // The uploaded copies are gone once the store has its own.
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(path.join(root, 'data', 'incoming'))).toEqual([]);
    expect(result.imported.map((f) => path.basename(f.file))).toEqual(['申请表 scan (1).jpg', '合同-2页.pdf']);
    expect(result.rejected.map((r) => r.error.code)).toEqual(['truncated']);
    const finished = events.find((e) => e.type === 'import.finished');
    expect(finished).toBeDefined();
    expect(events.filter((e) => e.type === 'import.progress')).toHaveLength(3);
    ws.close();

    const pages = await call<Array<{ thumbSha256: string }>>('pages.list', { batchId: batch.id });
    expect(pages).toHaveLength(3);
    const thumb = await request(`${base}/blob/${pages[0]!.thumbSha256}`, { headers });
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await request(`${base}/blob/${pages[0]!.thumbSha256}`)).status).toBe(401);
    // Page images are personal data: a browser with the token but nobody signed in gets none.
    expect((await request(`${base}/blob/${pages[0]!.thumbSha256}`, { headers: { authorization: headers.authorization! } })).status).toBe(401);
  });

  it('keeps one session per browser: signed out until it signs in, and signing out ends it', async () => {
    const { base, token } = await start();
    const bearer = { authorization: `Bearer ${token}` };
    const call = async (method: string, headers: Record<string, string>, body: unknown = {}) =>
      JSON.parse((await request(`${base}/api/call/${method}`, { method: 'POST', headers, body: JSON.stringify(body) })).body) as { ok: boolean; value?: unknown; error?: { code: string } };
    expect(await call('batches.list', bearer)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await call('session.get', bearer)).toEqual({ ok: true, value: { user: null, hasUsers: false } });
    const admin = await signIn(base, token);
    expect(await call('batches.list', admin)).toEqual({ ok: true, value: [] });
    // Another browser (no session cookie) is not signed in by that.
    expect(await call('batches.list', bearer)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await call('session.signOut', admin)).toMatchObject({ ok: true, value: { user: null, hasUsers: true } });
    expect(await call('batches.list', admin)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('opens the entry link signed in as the user serve --user named', async () => {
    const { root, core, base, token } = await start();
    const admin = await signIn(base, token);
    const { value } = JSON.parse((await request(`${base}/api/call/session.get`, { method: 'POST', headers: admin, body: '{}' })).body) as { value: { user: { id: string } } };
    const named = await startBridge({ core, rendererDir: path.join(root, 'renderer'), signedInUserId: value.user.id });
    try {
      const entry = await request(named.url);
      const cookies = (entry.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
      const res = await request(`http://127.0.0.1:${named.port}/api/call/batches.list`, { method: 'POST', headers: { cookie: cookies }, body: '{}' });
      expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
    } finally {
      await named.close();
    }
  });
});
