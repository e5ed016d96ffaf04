import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore, readPiece } from '../../electron/core/files/blob-store';
import { objectKeys } from '../../electron/core/files/object-cipher';
import { MAX_PIECE } from '../../electron/core/host/blob-piece';
import type { HostReply, HostRequest } from '../../electron/core/host/utility-process-entry';
import { CALL_CHANNEL } from '../../electron/preload/ipc-channels';
import { createFakeElectron, FakeWebContents, type FakeMessagePort, type FakeUtilityProcess } from '../helpers/fake-electron';
import { buildShell, runShellBundle } from '../helpers/shell-bundle';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * The built main bundle (dist/electron/main.cjs) started against a stand-in 'electron': what it
 * wires up at load and once the app is ready. Everything but 'electron' is the real module.
 */
type CoreProcess = FakeUtilityProcess<HostRequest, HostReply>;
type Handler = (...args: unknown[]) => unknown;

/** No process has this id (above Linux's pid_max), so lowering its priority touches nothing. */
const UNUSED_PID = 2_147_483_000;

const tempDir = useTempDirs();
const savedData = process.env.HPF_DESK_DATA;
let dataDir = '';

beforeAll(buildShell);
beforeEach(async () => {
  dataDir = await tempDir();
  process.env.HPF_DESK_DATA = dataDir;
});
afterEach(() => {
  if (savedData === undefined) delete process.env.HPF_DESK_DATA;
  else process.env.HPF_DESK_DATA = savedData;
});

function loadMain(isPackaged: boolean) {
  const electron = createFakeElectron({ isPackaged });
  const realRequire = createRequire(path.resolve(import.meta.dirname, '../../dist/electron/main.cjs'));
  runShellBundle('main', (id) => (id === 'electron' ? electron.module : realRequire(id)));
  return electron;
}

async function startMain(isPackaged: boolean) {
  const electron = loadMain(isPackaged);
  electron.markReady();
  // main's own whenReady() callback was queued first, so it has run when this await returns.
  await electron.app.whenReady();
  const core = electron.forks[0] as CoreProcess | undefined;
  const window = electron.windows[0];
  if (!core || !window) throw new Error('the app started no core process or no window');
  return { electron, core, window };
}

describe('main bundle start-up', () => {
  it('registers its schemes at load time and waits for ready for everything else', () => {
    const electron = loadMain(true);
    expect(electron.privilegedSchemes.map((s) => s.scheme)).toEqual(['app', 'hpf-blob']);
    expect(electron.privilegedSchemes.every((s) => s.privileges?.secure === true && s.privileges.standard === true)).toBe(true);
    expect(electron.forks).toHaveLength(0);
    expect(electron.windows).toHaveLength(0);
  });

  it('opens one hardened window on the app protocol with the sandboxed preload', async () => {
    const { electron, window } = await startMain(true);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    const preload = String(window.options.webPreferences?.preload);
    expect(preload.endsWith(path.join('dist', 'electron', 'preload.cjs'))).toBe(true);
    expect(existsSync(preload)).toBe(true);
    expect(window.loadedUrl).toBe('app://desk/index.html');
    expect([...electron.protocolHandlers.keys()].sort()).toEqual(['app', 'hpf-blob']);
    expect(electron.menus).toHaveLength(1);
  });

  it('guards every web contents and the session: no new windows, no navigation away, camera only', async () => {
    const { electron } = await startMain(true);
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const navigation = { url: 'https://evil.example/', defaultPrevented: false, preventDefault: () => (navigation.defaultPrevented = true) };
    contents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);

    const granted: boolean[] = [];
    const request = electron.sessionHandlers.permissionRequest as Handler;
    request(null, 'geolocation', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://desk/index.html' });
    request(null, 'media', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://desk/index.html', mediaTypes: ['video'] });
    expect(granted).toEqual([false, true]);
  });

  it('starts the core in a utility process and forwards calls only from its own window', async () => {
    const { electron, core, window } = await startMain(true);
    expect(core.modulePath.endsWith(path.join('dist', 'core', 'utility-process.mjs'))).toBe(true);
    // The store's key-encryption key comes sealed from the keychain (safeStorage) and goes to the core only.
    expect(core.sent[0]).toEqual({ type: 'init', dataDir, storeKek: { id: expect.any(String), key: expect.any(String) } });

    const handler = electron.ipcHandlers.get(CALL_CHANNEL) as Handler | undefined;
    if (!handler) throw new Error(`${CALL_CHANNEL} not registered`);
    const fromWindow = { sender: window.webContents, senderFrame: { url: 'app://desk/index.html', parent: null } };
    const answer = handler(fromWindow, 'batches.list', {}) as Promise<unknown>;
    const call = core.sent.at(-1);
    if (call?.type !== 'call') throw new Error('the call did not reach the core');
    expect(call).toMatchObject({ method: 'batches.list', session: `window-${window.webContents.id}` });
    core.reply({ type: 'result', id: call.id, result: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual({ ok: true, value: [] });

    const stranger = { sender: new FakeWebContents(), senderFrame: { url: 'app://desk/index.html', parent: null } };
    expect(() => handler(stranger, 'batches.list', {})).toThrow(/untrusted sender/);
  });

  it('serves hpf-blob: only while its window is signed in and not locked', async () => {
    const { electron, core, window } = await startMain(true);
    const call = electron.ipcHandlers.get(CALL_CHANNEL) as Handler;
    const blob = electron.protocolHandlers.get('hpf-blob') as (request: Request) => Promise<Response>;
    // An object this store does not hold: 404 once images may be served, 401 before.
    // Objects are encrypted: the core reads them, asked by a message this fake core answers with none.
    const image = async () => {
      const asked = core.sent.length;
      const response = blob(new Request(`hpf-blob://objects/${'ab'.repeat(32)}`));
      const sent = core.sent.at(-1);
      if (core.sent.length > asked && sent?.type === 'blob') core.reply({ type: 'blob', id: sent.id, piece: null });
      return (await response).status;
    };
    const fromWindow = { sender: window.webContents, senderFrame: { url: 'app://desk/index.html', parent: null } };
    const answer = async (method: string, result: unknown) => {
      const pending = call(fromWindow, method, {}) as Promise<unknown>;
      const sent = core.sent.at(-1);
      if (sent?.type !== 'call') throw new Error('the call did not reach the core');
      core.reply({ type: 'result', id: sent.id, result: result as never });
      await pending;
    };
    const state = (locked: boolean, signedIn = true) => ({
      ok: true,
      value: { user: signedIn ? { id: 'U1', name: '王柜员', role: 'clerk', permissions: [], refusedMethods: [] } : null, hasUsers: true, locked, idleLockSeconds: 300 },
    });

    expect(await image()).toBe(401);
    await answer('session.signIn', state(false));
    expect(await image()).toBe(404);
    await answer('session.lock', state(true));
    expect(await image()).toBe(401);
    await answer('session.unlock', state(false));
    expect(await image()).toBe(404);
    // The core refusing a call as locked (the lock came from elsewhere) counts the same.
    await answer('batches.list', { ok: false, error: { code: 'locked', message: 'locked' } });
    expect(await image()).toBe(401);
    await answer('session.unlock', state(false));
    await answer('session.signOut', state(false, false));
    expect(await image()).toBe(401);
    await answer('session.signIn', state(false));
    window.emit('closed');
    expect(await image()).toBe(401);
  });

  it('streams hpf-blob: piece by piece as the body is read, never the whole object at once, and serves byte ranges', async () => {
    const { electron, core, window } = await startMain(true);
    const call = electron.ipcHandlers.get(CALL_CHANNEL) as Handler;
    const fromWindow = { sender: window.webContents, senderFrame: { url: 'app://desk/index.html', parent: null } };
    const signIn = call(fromWindow, 'session.signIn', {}) as Promise<unknown>;
    const sent = core.sent.at(-1);
    if (sent?.type !== 'call') throw new Error('the call did not reach the core');
    const user = { id: 'U1', name: '王柜员', role: 'clerk', permissions: [], refusedMethods: [] };
    core.reply({ type: 'result', id: sent.id, result: { ok: true, value: { user, hasUsers: true, locked: false, idleLockSeconds: 300 } } as never });
    await signIn;

    // The core's side is the real one: an encrypted store read piece by piece.
    const blobs = new BlobStore(await tempDir(), objectKeys({ storeId: randomUUID(), key: randomBytes(32) }));
    await blobs.init();
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024 + 12_345)]);
    const { sha256 } = await blobs.put(content);
    const asked: number[] = [];
    core.on('sent', (message: HostRequest) => {
      if (message.type !== 'blob') return;
      asked.push(message.length);
      void readPiece(blobs, message.sha256, message.start, message.length).then((piece) => core.reply({ type: 'blob', id: message.id, piece }));
    });
    const serve = electron.protocolHandlers.get('hpf-blob') as (request: Request) => Promise<Response>;
    const url = `hpf-blob://objects/${sha256}`;

    const whole = await serve(new Request(url));
    expect(whole.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'content-length', 'accept-ranges'].map((h) => [h, whole.headers.get(h)]))).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      'accept-ranges': 'bytes',
    });
    expect(Buffer.from(await whole.arrayBuffer()).equals(content)).toBe(true);
    // The head (type and size), then pieces no larger than the core's.
    expect(asked[0]).toBe(1024);
    expect(asked.length).toBeGreaterThanOrEqual(1 + Math.ceil(content.length / MAX_PIECE));
    expect(Math.max(...asked)).toBeLessThanOrEqual(MAX_PIECE);

    const part = await serve(new Request(url, { headers: { Range: 'bytes=2000000-2000099' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 2000000-2000099/${content.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(content.subarray(2_000_000, 2_000_100))).toBe(true);
    const tail = await serve(new Request(url, { headers: { Range: 'bytes=-10' } }));
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(content.subarray(-10))).toBe(true);
    const past = await serve(new Request(url, { headers: { Range: `bytes=${content.length}-` } }));
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${content.length}`);
  });

  it('marks a packaged app for the core, so development path overrides are ignored there', async () => {
    const packaged = await startMain(true);
    expect(packaged.core.options.env?.HPF_DESK_PACKAGED).toBe('1');
    const dev = await startMain(false);
    expect(dev.core.options.env?.HPF_DESK_PACKAGED).toBeUndefined();
    expect(dev.window.options.webPreferences?.devTools).toBe(true);
  });

  it('forks the OCR host the core asks for as a second utility process and joins the two by a port', async () => {
    const { electron, core } = await startMain(true);
    const env = { HPF_DESK_OCR_POOL_SIZE: '{"workers":1,"threads":1}' };
    core.reply({ type: 'ocr-host-launch', id: 1, script: 'ocr-host', env });
    const host = electron.forks[1];
    if (!host) throw new Error('no OCR host forked');
    expect(host.modulePath.endsWith(path.join('dist', 'core', 'ocr-host.mjs'))).toBe(true);
    expect(host.options.env).toMatchObject({ ...env, HPF_DESK_PACKAGED: '1' });

    host.spawned(UNUSED_PID);
    expect(host.sent).toEqual([{ type: 'port' }]);
    expect(core.sent.at(-1)).toEqual({ type: 'ocr-host-port', id: 1, pid: UNUSED_PID });
    const [hostPort] = host.transferred[0] as FakeMessagePort[];
    const [corePort] = core.transferred.at(-1) as FakeMessagePort[];
    const received: unknown[] = [];
    hostPort?.on('message', ({ data }: { data: unknown }) => received.push(data));
    hostPort?.start();
    corePort?.postMessage({ type: 'run', id: 7 });
    expect(received).toEqual([{ type: 'run', id: 7 }]);

    host.exit(139);
    expect(core.sent.at(-1)).toEqual({ type: 'ocr-host-exit', id: 1, reason: 'exit code 139' });

    core.reply({ type: 'ocr-host-launch', id: 2, script: 'ocr-host', env });
    const second = electron.forks[2];
    core.exit(1);
    expect(second?.killed).toBe(true);
  });
});
