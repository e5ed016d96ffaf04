import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-api';
import { openCore, DATABASE_FILE } from '../../electron/core/open-core';
import { hashPassword, verifyPassword } from '../../electron/core/auth/password-hash';
import { addUser, setDisabled, setPassword, setRole } from '../../electron/core/auth/user-store';
import { openDatabase, type Db } from '../../electron/core/store/open-database';
import { writeSmallPages } from '../helpers/filing-store';
import { signedInCaller, TEST_ADMIN } from '../helpers/desk-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: Array<Core | Db> = [];
afterEach(async () => {
  for (const o of open.splice(0)) 'dispatch' in o ? await o.close() : o.close();
});

const ID = '110101199003074573';

/** A station with its administrator, a clerk and an archivist, and one item with an ID number. */
async function station() {
  const dir = await tempDir();
  const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
  open.push(core);
  const admin = await signedInCaller(core);
  // The administrator's tools write through the same store (the CLI's `hpf-desk user add`).
  const db = openDatabase(path.join(dir, 'data', DATABASE_FILE));
  open.push(db);
  await addUser(db, TEST_ADMIN.name, { name: '王柜员', role: 'clerk', password: '135790' });
  await addUser(db, TEST_ADMIN.name, { name: 'archivist-1', role: 'archivist', password: 'arch-pass' });
  const clerk = await signedInCaller(core, { name: '王柜员', password: '135790' });
  const batch = await clerk.call<{ id: string }>('batches.create', { name: '柜台 B' });
  await clerk.call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 1) });
  const item = await clerk.call<{ id: string; fields: Record<string, string> }>('items.create', {
    batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields: { 姓名: '李四', 证件号码: ID, 手机号码: '13912345678', 金额: '3000' },
  });
  const events = (kind: string) => db.prepare('SELECT at, actor, subject, data FROM events WHERE kind = ? ORDER BY id').all(kind) as Array<{ at: string; actor: string; subject: string; data: string }>;
  return { core, db, admin, clerk, item, events };
}

describe('passwords', () => {
  it('hashes with scrypt and a salt of its own per password; verifies only the right one', async () => {
    const a = await hashPassword('2468');
    const b = await hashPassword('2468');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('2468');
    expect(await verifyPassword('2468', a)).toBe(true);
    expect(await verifyPassword('2469', a)).toBe(false);
    expect(await verifyPassword('2468', 'scrypt$x$8$1$AAAA$BBBB')).toBe(false);
    expect(await verifyPassword('2468', 'md5$abc')).toBe(false);
  });
});

describe('users, roles and PII (through the dispatcher, as the UI calls it)', () => {
  it('lets a clerk work with masked data but refuses the full view as forbidden; an archivist sees it and the audit log says who, what, when', async () => {
    const { core, clerk, item, events } = await station();
    expect(item.fields).toMatchObject({ 证件号码: '1101**********4573', 手机号码: '139****5678', 姓名: '李四' });
    expect((await clerk.call<Array<{ fields: Record<string, string> }>>('items.list', { batchId: (await clerk.call<Array<{ id: string }>>('batches.list', {}))[0]!.id }))[0]!.fields['证件号码']).toBe('1101**********4573');
    expect(await clerk.raw('items.get', { id: item.id, reveal: true })).toMatchObject({ ok: false, error: { code: 'forbidden', details: { permission: 'pii.reveal' } } });
    expect(await clerk.call('items.get', { id: item.id })).toMatchObject({ fields: { 证件号码: '1101**********4573' }, masked: true });
    expect(events('pii.viewed')).toEqual([]);
    // What the clerk did is recorded under the clerk's name, not the OS user's.
    expect(events('item.created').map((e) => e.actor)).toEqual(['王柜员']);

    const archivist = await signedInCaller(core, { name: 'archivist-1', password: 'arch-pass' });
    const before = new Date().toISOString();
    const full = await archivist.call<{ fields: Record<string, string>; masked: boolean }>('items.get', { id: item.id, reveal: true });
    expect(full).toMatchObject({ masked: false, fields: { 证件号码: ID, 手机号码: '13912345678', 姓名: '李四' } });
    const viewed = events('pii.viewed');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actor: 'archivist-1', subject: item.id });
    expect(JSON.parse(viewed[0]!.data)).toEqual({ fields: ['证件号码', '手机号码'], archivalCode: null });
    expect(viewed[0]!.at >= before && viewed[0]!.at <= new Date().toISOString()).toBe(true);
  });

  it('refuses calls before sign-in, wrong passwords and disabled users; a disabled user\'s open session ends at once', async () => {
    const { core, db, clerk, admin } = await station();
    const anonymous = core.newSession();
    expect(await core.dispatch('batches.list', {}, anonymous)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await core.dispatch('station.info', {}, anonymous)).toMatchObject({ ok: true });
    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '0000' }, anonymous)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await core.dispatch('session.signIn', { name: 'nobody', password: '0000' }, anonymous)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    setDisabled(db, TEST_ADMIN.name, '王柜员', true);
    expect(await clerk.raw('batches.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '135790' }, anonymous)).toMatchObject({
      ok: false, error: { code: 'unauthenticated', message: expect.stringContaining('已停用') },
    });
    // The station keeps an administrator: the last one can be neither disabled nor demoted.
    expect(() => setDisabled(db, TEST_ADMIN.name, TEST_ADMIN.name, true)).toThrow(/最后一位|last enabled administrator/);
    expect(() => setRole(db, TEST_ADMIN.name, TEST_ADMIN.name, 'clerk')).toThrow(/last enabled administrator/);
    expect((await admin.raw('batches.list', {})).ok).toBe(true);
  });

  it('locks a user after five wrong PINs, so a PIN cannot be tried through; a new password from the administrator lifts it', async () => {
    const { core, db } = await station();
    const s = core.newSession();
    for (let i = 0; i < 5; i++) await core.dispatch('session.signIn', { name: '王柜员', password: `00000${i}` }, s);
    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '135790' }, s)).toMatchObject({
      ok: false, error: { code: 'unauthenticated', message: expect.stringContaining('too many attempts') },
    });
    await setPassword(db, TEST_ADMIN.name, '王柜员', '864200');
    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '135790' }, s)).toMatchObject({ ok: false });
    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '864200' }, s)).toMatchObject({ ok: true, value: { user: { name: '王柜员', role: 'clerk' } } });
  });

  it('creates the administrator on the first sign-in of a new station, and only then', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    open.push(core);
    const s = core.newSession();
    expect(await core.dispatch('session.get', {}, s)).toEqual({ ok: true, value: { user: null, hasUsers: false } });
    expect(await core.dispatch('session.signIn', { name: '张站长', password: '975310' }, s)).toMatchObject({
      ok: true, value: { hasUsers: true, user: { name: '张站长', role: 'admin', permissions: expect.arrayContaining(['pii.reveal', 'users.manage']) } },
    });
    // A second newcomer does not become a user by signing in.
    expect(await core.dispatch('session.signIn', { name: 'someone', password: '111111' }, core.newSession())).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
