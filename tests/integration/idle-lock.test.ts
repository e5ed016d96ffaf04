import { describe, expect, it } from 'vitest';
import type { ApiResult, SessionState } from '../../shared/contract';
import { DEFAULT_IDLE_LOCK_SECONDS, setIdleLockSeconds } from '../../electron/core/auth/idle-lock-setting';
import { signedInCaller, TEST_ADMIN } from '../helpers/desk-session';
import { useStaffedStations } from '../helpers/staffed-station';

/** A station with its administrator and a clerk signed in. */
const station = useStaffedStations();

const codeOf = (r: ApiResult<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('idle lock (core-enforced)', () => {
  it('refuses a locked session everything but who it is, unlock by the same user and sign-out', async () => {
    const { core, clerk } = await station();
    expect(await clerk.call<SessionState>('session.get', {})).toMatchObject({ locked: false, idleLockSeconds: DEFAULT_IDLE_LOCK_SECONDS });
    expect(await clerk.call<SessionState>('session.lock', {})).toMatchObject({ user: { name: '王柜员' }, locked: true });

    for (const [method, request] of [['batches.list', {}], ['batches.create', { name: 'x' }], ['search', { text: '张三' }], ['session.signIn', { name: 'admin', password: TEST_ADMIN.password }]] as const) {
      expect(codeOf(await clerk.raw(method, request)), method).toBe('locked');
    }
    expect(await clerk.call<SessionState>('session.get', {})).toMatchObject({ user: { name: '王柜员' }, locked: true });
    // Another connection of another user is not touched by this one's lock.
    const other = await signedInCaller(core);
    expect(codeOf(await other.raw('batches.list', {}))).toBe('ok');

    expect(codeOf(await clerk.raw('session.unlock', { password: '000000' }))).toBe('unauthenticated');
    expect(codeOf(await clerk.raw('batches.list', {}))).toBe('locked');
    expect(await clerk.call<SessionState>('session.unlock', { password: '135790' })).toMatchObject({ user: { name: '王柜员' }, locked: false });
    expect(codeOf(await clerk.raw('batches.list', {}))).toBe('ok');

    await clerk.call('session.lock', {});
    expect(await clerk.call<SessionState>('session.signOut', {})).toMatchObject({ user: null, locked: false });
    expect(codeOf(await clerk.raw('batches.list', {}))).toBe('unauthenticated');
  });

  it('counts wrong unlock PINs like sign-in tries: five, then the user is locked out', async () => {
    const { clerk } = await station();
    await clerk.call('session.lock', {});
    const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => clerk.raw('session.unlock', { password: `99999${i}` })));
    const messages = answers.map((a) => (a.ok ? 'unlocked' : a.error.message));
    expect(messages.filter((m) => m.includes('wrong user name or password'))).toHaveLength(5);
    expect(messages.filter((m) => m.includes('too many attempts'))).toHaveLength(2);
    expect(await clerk.raw('session.unlock', { password: '135790' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('too many attempts') } });
  });

  it('audits lock, unlock and the station setting it reads', async () => {
    const { db, clerk } = await station();
    setIdleLockSeconds(db, 90);
    expect(await clerk.call<SessionState>('session.get', {})).toMatchObject({ idleLockSeconds: 90 });
    await clerk.call('session.lock', {});
    await clerk.call('session.unlock', { password: '135790' });
    const kinds = (db.prepare("SELECT kind, data FROM events WHERE actor = '王柜员' ORDER BY id").all() as Array<{ kind: string; data: string }>).map((e) => `${e.kind}${e.kind === 'session.signedIn' ? `:${JSON.parse(e.data).via}` : ''}`);
    expect(kinds).toEqual(['session.signedIn:desk', 'session.locked', 'session.signedIn:unlock']);
    expect(() => setIdleLockSeconds(db, 0)).toThrow(RangeError);
  });
});
