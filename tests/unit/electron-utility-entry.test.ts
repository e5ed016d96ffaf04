import { fork, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostReply, HostRequest } from '../../electron/core/host/utility-process-entry';
import { useTempDirs } from '../helpers/temp-dir';

/*
 * The utility-process entry, built as the app ships it (dist/core/utility-process.mjs, made by the
 * global setup), run in plain Node with a stand-in for Electron's `process.parentPort` backed by
 * the fork IPC channel (structured clone, as in Electron).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(root, 'dist/core/utility-process.mjs');

const PARENT_PORT_SHIM = `
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data, ports: [] }));
    return this;
  },
  postMessage(message) {
    process.send(message);
  },
};
`;

const tempDir = useTempDirs();

interface Host {
  readonly child: ChildProcess;
  send(message: HostRequest): void;
  next(predicate: (reply: HostReply) => boolean): Promise<HostReply>;
  exited: Promise<number | null>;
}

async function startHost(withParentPort = true): Promise<Host> {
  const dir = await tempDir();
  const shim = path.join(dir, 'parent-port-shim.mjs');
  await writeFile(shim, PARENT_PORT_SHIM);
  const child = fork(entry, [], {
    execArgv: withParentPort ? ['--import', pathToFileURL(shim).href] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, HPF_DESK_MEDIA_WORKER: path.join(root, 'dist/core/media-worker.mjs') },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    send: (message) => child.send(message),
    next: (predicate) =>
      new Promise((resolve, reject) => {
        const onMessage = (reply: HostReply) => {
          if (!predicate(reply)) return;
          child.off('message', onMessage);
          resolve(reply);
        };
        child.on('message', onMessage);
        void exited.then((code) => reject(new Error(`host exited (${code}) before the expected reply`)));
      }),
  };
}

describe('utility-process entry', () => {
  it('opens the core, relays calls by id in their window\'s session and closes on shutdown', async () => {
    const host = await startHost();
    const dataDir = await tempDir();
    const ready = host.next((reply) => reply.type === 'ready');
    const info = host.next((reply) => reply.type === 'result' && reply.id === 1);
    const signedIn = host.next((reply) => reply.type === 'result' && reply.id === 2);

    host.send({ type: 'init', dataDir });
    // Sent before 'ready': the entry must hold calls until the core is open.
    host.send({ type: 'call', id: 1, method: 'station.info', request: {}, session: 'w1' });
    // The first sign-in on a new station creates its administrator.
    host.send({ type: 'call', id: 2, method: 'session.signIn', request: { name: 'admin', password: '246800' }, session: 'w1' });
    await ready;
    expect(await info).toMatchObject({ type: 'result', result: { ok: true } });
    expect(await signedIn).toMatchObject({ result: { ok: true, value: { user: { name: 'admin', role: 'admin' } } } });

    const unknown = host.next((reply) => reply.type === 'result' && reply.id === 3);
    const created = host.next((reply) => reply.type === 'result' && reply.id === 4);
    const invalid = host.next((reply) => reply.type === 'result' && reply.id === 5);
    const otherWindow = host.next((reply) => reply.type === 'result' && reply.id === 6);
    const changed = host.next((reply) => reply.type === 'event');
    host.send({ type: 'call', id: 3, method: 'no.such.method', request: {}, session: 'w1' });
    host.send({ type: 'call', id: 4, method: 'batches.create', request: { name: '柜台 2024-06-01' }, session: 'w1' });
    host.send({ type: 'call', id: 5, method: 'batches.create', request: { name: '' }, session: 'w1' });
    host.send({ type: 'call', id: 6, method: 'batches.list', request: {}, session: 'w2' });
    expect(await info).toMatchObject({ type: 'result', result: { ok: true } });
    expect(await unknown).toMatchObject({ result: { ok: false, error: { code: 'unknown_method' } } });
    expect(await created).toMatchObject({ result: { ok: true, value: { name: '柜台 2024-06-01', kind: 'counter' } } });
    expect(await invalid).toMatchObject({ result: { ok: false, error: { code: 'bad_request' } } });
    // Another window has not signed in.
    expect(await otherWindow).toMatchObject({ result: { ok: false, error: { code: 'unauthenticated' } } });
    const batch = (await created) as Extract<HostReply, { type: 'result' }>;
    const batchId = batch.result.ok ? (batch.result.value as { id: string }).id : null;
    expect(await changed).toEqual({ type: 'event', event: { type: 'batch.changed', batchId } });

    host.send({ type: 'shutdown' });
    expect(await host.exited).toBe(0);
  });

  it('refuses to run outside a utility process', async () => {
    const host = await startHost(false);
    expect(await host.exited).toBe(1);
  });
});
