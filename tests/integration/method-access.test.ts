import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../shared/contract';
import { METHOD_ACCESS } from '../../electron/core/auth/method-access';
import type { Core } from '../../electron/core/core-api';
import { openCore, DATABASE_FILE } from '../../electron/core/open-core';
import { addUser } from '../../electron/core/auth/user-store';
import { openDatabase, type Db } from '../../electron/core/store/open-database';
import { writeSmallPages } from '../helpers/filing-store';
import { signedInCaller, TEST_ADMIN } from '../helpers/desk-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: Array<Core | Db | http.Server> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    if (o instanceof http.Server) await new Promise((resolve) => o.close(resolve));
    else if ('dispatch' in o) await o.close();
    else o.close();
  }
});

const CLERK = { name: '王柜员', password: '135790' };
const ARCHIVIST = { name: 'archivist-1', password: 'arch-pass' };

async function station() {
  const dir = await tempDir();
  const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
  open.push(core);
  const admin = await signedInCaller(core);
  const db = openDatabase(path.join(dir, 'data', DATABASE_FILE));
  open.push(db);
  await addUser(db, TEST_ADMIN.name, { ...CLERK, role: 'clerk' });
  await addUser(db, TEST_ADMIN.name, { ...ARCHIVIST, role: 'archivist' });
  const clerk = await signedInCaller(core, CLERK);
  const batch = await clerk.call<{ id: string }>('batches.create', { name: '柜台 A' });
  return { dir, core, admin, clerk, batch };
}

const ALL = Object.keys(methods) as MethodName[];

describe('every API method is classified, and the dispatcher enforces the table', () => {
  it('names every method of the contract and nothing else', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual([...ALL].sort());
  });

  it('lets outsiders reach only the public methods, a clerk none that needs a permission, the administrator every one', async () => {
    const { core, admin, clerk } = await station();
    // 42 is no request of any method: a call that gets past the access checks ends as bad_request,
    // so no method does anything here, and which check answered is plain.
    for (const method of ALL) {
      const access = METHOD_ACCESS[method];
      const anonymous = await core.dispatch(method, 42, core.newSession());
      expect(anonymous, method).toMatchObject({ ok: false, error: { code: access.kind === 'public' ? 'bad_request' : 'unauthenticated' } });
      if (access.kind === 'public') continue;
      const asClerk = await clerk.raw(method, 42);
      if (access.kind === 'permission') {
        expect(asClerk, method).toMatchObject({ ok: false, error: { code: 'forbidden', details: { permission: access.permission } } });
      } else {
        expect(asClerk, method).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      }
      expect(await admin.raw(method, 42), method).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });

  it('keeps from a clerk what the review found open to any signed-in user', async () => {
    const { clerk, batch } = await station();
    const refused = (permission: string) => ({ ok: false, error: { code: 'forbidden', details: { permission } } });
    expect(await clerk.raw('store.verify', {})).toMatchObject(refused('store.maintain'));
    expect(await clerk.raw('sync.pause', {})).toMatchObject(refused('sync.configure'));
    expect(await clerk.raw('sync.resume', { batchId: batch.id })).toMatchObject(refused('sync.configure'));
    expect(await clerk.raw('rescans.replace', { oldPageId: 'P_1', newPageId: 'P_2' })).toMatchObject(refused('qc.decide'));
    expect(await clerk.raw('dossiers.find', { field: '证件号码', value: '110101199003074573' })).toMatchObject(refused('pii.reveal'));
    expect(await clerk.raw('scan.capabilities', { device: 'escl:http://127.0.0.1:9/eSCL' })).toMatchObject(refused('station.configure'));
    // Scanning with a saved profile is counter work; settings given inline are not.
    expect(await clerk.raw('scan.start', { batchId: batch.id, settings: { device: 'sane:test' } })).toMatchObject(refused('station.configure'));
    expect(await clerk.raw('scan.start', { batchId: batch.id, profileId: 'SP_none' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('imports a clerk\'s files but no folder, and never `/`; an archivist may import a folder', async () => {
    const { dir, core, clerk, batch } = await station();
    const folder = path.join(dir, 'scans');
    await mkdir(folder);
    const files = await writeSmallPages(folder, 2);
    const refused = { ok: false, error: { code: 'forbidden', details: { permission: 'import.folders' } } };
    expect(await clerk.raw('import.paths', { batchId: batch.id, paths: ['/'] })).toMatchObject(refused);
    expect(await clerk.raw('import.paths', { batchId: batch.id, paths: [files[0], folder] })).toMatchObject(refused);
    // Refused as a whole: not even the file before the folder went in.
    expect(await clerk.call('pages.list', { batchId: batch.id })).toEqual([]);
    expect(await clerk.call('import.paths', { batchId: batch.id, paths: [files[0]] })).toMatchObject({ imported: [{ pages: 1 }] });
    const archivist = await signedInCaller(core, ARCHIVIST);
    expect(await archivist.call('import.paths', { batchId: batch.id, paths: [folder] })).toMatchObject({ imported: [{ pages: 1 }], duplicates: [{ file: files[0] }] });
  });

  it('never reaches a scanner address given inline, whoever asks: only saved profiles name one', async () => {
    const { admin, batch } = await station();
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.end();
    });
    open.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eSCL`;
    for (const device of [`escl:${url}`, `hotfolder:${path.sep}`]) {
      expect(await admin.raw('scan.start', { batchId: batch.id, settings: { device } }), device).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('saved scan profiles') } });
    }
    expect(hits).toBe(0);
  });
});
