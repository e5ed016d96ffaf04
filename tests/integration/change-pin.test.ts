import { describe, expect, it } from 'vitest';
import { CLERK, useStaffedStations } from '../helpers/staffed-station';

const station = useStaffedStations();

describe('session.changePassword: a user changes their own PIN', () => {
  it('needs the current PIN (a wrong one counts as a failed sign-in), takes 6+ digits, audits, and the new PIN is the one that signs in', async () => {
    const { core, db, clerk } = await station([{ ...CLERK, role: 'clerk' }]);

    expect(await clerk.raw('session.changePassword', { current: '000000', next: '246813' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(db.prepare("SELECT failed_sign_ins FROM users WHERE name = '王柜员'").pluck().get()).toBe(1);
    // Refused at the boundary in words for people, under the field, never the schema library's sentence.
    const short = await clerk.raw('session.changePassword', { current: '135790', next: '2468' });
    expect(short).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: '新 PIN：至少 6 位 / New PIN: at least 6 characters', details: { problems: [{ field: 'next', message: { zh: '新 PIN：至少 6 位', en: 'New PIN: at least 6 characters' } }] } },
    });
    expect(await clerk.call('session.changePassword', { current: '135790', next: '246813' })).toMatchObject({ user: { name: '王柜员' } });
    expect(db.prepare("SELECT failed_sign_ins FROM users WHERE name = '王柜员'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT actor FROM events WHERE kind = 'user.password' AND subject = (SELECT id FROM users WHERE name = '王柜员')").pluck().all()).toEqual(['王柜员']);

    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '135790' }, core.newSession())).toMatchObject({ ok: false });
    expect(await core.dispatch('session.signIn', { name: '王柜员', password: '246813' }, core.newSession())).toMatchObject({ ok: true });
    // Signed out, there is nobody whose PIN to change.
    expect(await core.dispatch('session.changePassword', { current: '246813', next: '135799' }, core.newSession())).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
