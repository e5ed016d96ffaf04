import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { METHOD_ACCESS } from '../../electron/core/auth/method-access';
import { READ_METHODS } from '../../electron/core/auth/read-methods';
import { addUser, adminMode, listUsers, setAdminMode, setDisabled, setRole } from '../../electron/core/auth/user-store';
import type { Db } from '../../electron/core/store/open-database';
import { writeStoreDb } from '../helpers/store-db';
import { writeSmallPages } from '../helpers/filing-store';
import { signedInCaller, TEST_ADMIN } from '../helpers/desk-session';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: Array<Core | Db> = [];
afterEach(async () => {
  for (const o of open.splice(0)) 'dispatch' in o ? await o.close() : o.close();
});

const ID = '110101199003074573';
const THREE = [
  { name: 'sys-1', role: 'sysadmin', password: 'sys-pass-1' },
  { name: 'sec-1', role: 'secadmin', password: 'sec-pass-1' },
  { name: 'aud-1', role: 'auditor', password: 'aud-pass-1' },
] as const;

/** A station whose set-up administrator has added the three and an item with an ID number. */
async function station() {
  const dir = await tempDir();
  const data = path.join(dir, 'data');
  const core = await openCore({ dataDir: data, workers: 1, backgroundOcr: false });
  open.push(core);
  const admin = await signedInCaller(core);
  const db = await writeStoreDb(data);
  open.push(db);
  for (const u of THREE) await addUser(db, TEST_ADMIN.name, u);
  const batch = await admin.call<{ id: string }>('batches.create', { name: '柜台 三员' });
  await admin.call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 1) });
  const item = await admin.call<{ id: string }>('items.create', {
    batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields: { 姓名: '李四', 证件号码: ID, 金额: '3000' },
  });
  const as = (name: (typeof THREE)[number]['name']) => signedInCaller(core, THREE.find((u) => u.name === name)!);
  return { data, db, core, admin, batch, item, as };
}

describe('三员分立: system administrator, security administrator, security auditor', () => {
  it('no user holds two of the three, nor moves from one to another; the duty is written once', async () => {
    const { db } = await station();
    expect(listUsers(db).map((u) => [u.name, u.role])).toEqual([['admin', 'admin'], ['aud-1', 'auditor'], ['sec-1', 'secadmin'], ['sys-1', 'sysadmin']]);
    expect(() => setRole(db, TEST_ADMIN.name, 'sys-1', 'secadmin')).toThrow(/三员角色不能更换/);
    expect(() => setRole(db, TEST_ADMIN.name, 'aud-1', 'admin')).toThrow(/never changes/);
    expect(() => setRole(db, TEST_ADMIN.name, 'aud-1', 'clerk')).toThrow(/never changes/);
    const sys = listUsers(db).find((u) => u.name === 'sys-1')!;
    // Not even by writing the table: one row per user, never updated or removed.
    expect(() => db.prepare("INSERT INTO user_duties (user_id, duty, actor, at) VALUES (?, 'auditor', 'x', 't')").run(sys.id)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("UPDATE user_duties SET duty = 'auditor' WHERE user_id = ?").run(sys.id)).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM user_duties WHERE user_id = ?').run(sys.id)).toThrow(/never removed/);
    expect(listUsers(db).find((u) => u.name === 'sys-1')?.role).toBe('sysadmin');
    // A single administrator given a duty keeps nothing of the administrator beneath it.
    await addUser(db, TEST_ADMIN.name, { name: 'chief-2', role: 'admin', password: 'chief-pass' });
    expect(setRole(db, TEST_ADMIN.name, 'chief-2', 'secadmin')).toMatchObject({ role: 'secadmin' });
    expect(db.prepare("SELECT role FROM users WHERE name = 'chief-2'").pluck().get()).toBe('clerk');
  });

  it('the auditor reads but changes nothing; the system administrator neither reads the audit log nor reveals personal data', async () => {
    const { data, batch, item, as } = await station();
    const auditor = await as('aud-1');
    expect(await auditor.raw('batches.list', {})).toMatchObject({ ok: true });
    expect(await auditor.raw('stats.report', {})).toMatchObject({ ok: true });
    for (const [method, request] of [
      ['batches.create', { name: '审计员的批次' }],
      ['items.file', { id: item.id }],
      ['batches.close', { batchId: batch.id }],
      ['ocr.enqueue', { batchId: batch.id }],
    ] as const) {
      expect(await auditor.raw(method, request), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await auditor.raw('items.get', { id: item.id, reveal: true })).toMatchObject({ ok: false, error: { code: 'forbidden', details: { permission: 'pii.reveal' } } });

    const sys = await as('sys-1');
    const refused = await sys.raw('items.get', { id: item.id, reveal: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', details: { permission: 'pii.reveal' } } });
    expect(JSON.stringify(refused)).not.toContain(ID);
    expect(await sys.raw('store.verify', {})).toMatchObject({ ok: true });

    // The command line holds them to the same: the log's content is the auditor's alone.
    const cli = (args: string[], user: (typeof THREE)[number]) =>
      runCli([...args, '--data', data, '--json'], { env: { HPF_DESK_USER: user.name, HPF_DESK_PASSWORD: user.password, HPF_DESK_NEW_PASSWORD: 'new-pass-1' } });
    const [sysUser, secUser, audUser] = THREE;
    expect(json(await cli(['audit', '--kind', 'user.'], sysUser))).toMatchObject({ error: { code: 'forbidden', details: { permission: 'audit.read' } } });
    expect(json(await cli(['audit', '--kind', 'user.'], secUser))).toMatchObject({ error: { code: 'forbidden', details: { permission: 'audit.read' } } });
    const log = json<{ events: Array<{ kind: string; data: string }> }>(await cli(['audit', '--kind', 'user.'], audUser));
    expect(log.events.map((e) => e.kind)).toEqual(['user.added', 'user.added', 'user.added', 'user.added']);
    expect(json(await cli(['import', path.join(data, '..', 'page-000.png'), '--batch', '审计'], audUser))).toMatchObject({ error: { code: 'forbidden' } });
    // The system administrator adds users, but gives no role beyond 窗口柜员: that is the security administrator's.
    expect(json(await cli(['user', 'add', 'clerk-9', '--role', 'clerk'], sysUser))).toMatchObject({ name: 'clerk-9', role: 'clerk' });
    expect(json(await cli(['user', 'add', 'arch-9', '--role', 'archivist'], sysUser))).toMatchObject({ error: { code: 'forbidden', details: { permission: 'roles.assign' } } });
    expect(json(await cli(['user', 'role', 'clerk-9', 'archivist'], secUser))).toMatchObject({ name: 'clerk-9', role: 'archivist' });
    expect(json(await cli(['user', 'add', 'clerk-10', '--role', 'clerk'], secUser))).toMatchObject({ error: { code: 'forbidden', details: { permission: 'users.manage' } } });
  });

  it('every method of the contract that is not a read is refused to the auditor, before its request is read', async () => {
    const { as } = await station();
    const auditor = await as('aud-1');
    const methods = Object.entries(METHOD_ACCESS).filter(([m, a]) => a.kind !== 'public' && !READ_METHODS.has(m as never)).map(([m]) => m);
    expect(methods.length).toBeGreaterThan(40);
    for (const method of methods) {
      expect(await auditor.raw(method, { nonsense: true }), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('a station separates its administrators only with all three present and no single administrator left, audited', async () => {
    const { db } = await station();
    expect(adminMode(db)).toBe('single');
    expect(() => setAdminMode(db, 'sec-1', 'separated')).toThrow(/disable the single administrator/);
    setDisabled(db, 'sys-1', TEST_ADMIN.name, true);
    expect(setAdminMode(db, 'sec-1', 'separated')).toBe('separated');
    await expect(addUser(db, 'sec-1', { name: 'chief-2', role: 'admin', password: 'chief-pass' })).rejects.toThrow(/no single administrator/);
    // The last holder of a duty cannot be disabled while the station is run by the three.
    expect(() => setDisabled(db, 'sys-1', 'aud-1', true)).toThrow(/last holder/);
    expect(db.prepare("SELECT actor, data FROM events WHERE kind = 'station.admin-mode'").all()).toEqual([{ actor: 'sec-1', data: JSON.stringify({ from: 'single', to: 'separated' }) }]);
  });
});
