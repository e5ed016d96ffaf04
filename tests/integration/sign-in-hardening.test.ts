import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/contract';
import { hashPassword } from '../../electron/core/auth/password-hash';
import { addUser, setPassword } from '../../electron/core/auth/user-store';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import type { Db } from '../../electron/core/store/open-database';
import { stationTime } from '../../shared/logic/station-time';
import { writeStoreDb } from '../helpers/store-db';
import { signedInCaller, TEST_ADMIN } from '../helpers/desk-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: Array<Core | Db> = [];
afterEach(async () => {
  for (const o of open.splice(0)) 'dispatch' in o ? await o.close() : o.close();
});

async function station() {
  const dir = await tempDir();
  const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
  open.push(core);
  await signedInCaller(core);
  const db = await writeStoreDb(path.join(dir, 'data'));
  open.push(db);
  await addUser(db, TEST_ADMIN.name, { name: '王柜员', role: 'clerk', password: '135790' });
  return { core, db };
}

describe('sign-in hardening', () => {
  it('refuses parallel guesses beyond five: each try is counted before its password is hashed', async () => {
    const { core, db } = await station();
    // Twelve guesses at once, each on a connection of its own, as a script would send them.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => core.dispatch('session.signIn', { name: '王柜员', password: `99999${i % 10}x` }, core.newSession()) as Promise<ApiResult<unknown>>),
    );
    const messages = answers.map((a) => (a.ok ? 'signed in' : a.error.message));
    expect(messages.filter((m) => m.includes('wrong user name or password'))).toHaveLength(5);
    expect(messages.filter((m) => m.includes('too many attempts'))).toHaveLength(7);
    // Locked: not even the right PIN gets in now.
    const locked = await core.dispatch('session.signIn', { name: '王柜员', password: '135790' }, core.newSession());
    expect(locked).toMatchObject({ ok: false, error: { message: expect.stringContaining('too many attempts') } });
    // The clerk is told when in Beijing time to the minute, not an ISO instant in UTC eight hours off.
    const until = db.prepare("SELECT locked_until FROM users WHERE name = '王柜员'").pluck().get() as string;
    const message = locked.ok ? '' : locked.error.message;
    expect(message).not.toContain(until);
    expect(message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(message).toContain(`请于北京时间 ${stationTime(until)} 后再试`);
    expect(locked).toMatchObject({ error: { details: { reason: 'locked', lockedUntil: until } } });
    const refusals = db.prepare("SELECT count(*) FROM events WHERE kind = 'session.refused' AND subject = (SELECT id FROM users WHERE name = '王柜员')").pluck().get();
    expect(refusals).toBe(5);
  });

  it('takes new PINs of six digits or more only, while a user from before still signs in until the PIN is changed', async () => {
    const { core, db } = await station();
    await expect(addUser(db, TEST_ADMIN.name, { name: '李柜员', role: 'clerk', password: '2468' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('at least 6') });
    await expect(setPassword(db, TEST_ADMIN.name, '王柜员', '12345')).rejects.toMatchObject({ code: 'bad_request' });
    // A 4-digit PIN stored before the rule (hashed as it was then) still opens the session.
    db.prepare("UPDATE users SET password_hash = ? WHERE name = '王柜员'").run(await hashPassword('1357'));
    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '1357' }, core.newSession())).toMatchObject({ ok: true });
    // The first sign-in of a new station creates the administrator only with a password that keeps the rule.
    const dir = await tempDir();
    const fresh = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    open.push(fresh);
    expect(await fresh.dispatch('session.signIn', { name: '张站长', password: '9753' }, fresh.newSession())).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await fresh.dispatch('session.signIn', { name: '张站长', password: '975310' }, fresh.newSession())).toMatchObject({ ok: true });
  });
});
