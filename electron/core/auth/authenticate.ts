import type { SignedInUser } from '../../../shared/contract/session-api';
import { stationTime } from '../../../shared/logic/station-time';
import { DeskError } from '../errors';
import { appendEvent } from '../audit/event-log';
import type { Db } from '../store/open-database';
import { nowIso } from '../util/ids';
import { signedIn } from './access';
import { hashPassword, verifyPassword } from './password-hash';
import { addUser, countUsers, userRowByName } from './user-store';

/** Five wrong PINs lock the user for five minutes: a PIN cannot be tried through. */
const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;

const refused = () => new DeskError('unauthenticated', '用户名或密码错误 / wrong user name or password');

/**
 * Check a user's password (or PIN). `firstAdmin`: on a station without any user, the first
 * sign-in creates the administrator with these credentials. Every outcome is audited.
 */
export async function authenticate(db: Db, name: string, password: string, options: { via: string; firstAdmin: boolean }): Promise<SignedInUser> {
  if (countUsers(db) === 0) {
    if (!options.firstAdmin) throw new DeskError('unauthenticated', '工作站还没有用户，请先用 hpf-desk init --admin NAME 创建管理员 / the station has no users yet: create the administrator with hpf-desk init --admin NAME');
    const admin = await addUser(db, name, { name, role: 'admin', password }, true);
    return signIn(db, { id: admin.id, name: admin.name, role: admin.role }, options.via);
  }
  const row = userRowByName(db, name);
  if (!row) {
    // Same work as for a real user, so timing does not tell which names exist.
    await hashPassword(password);
    audit(db, name, 'session.refused', name, { reason: 'unknown_user', via: options.via });
    throw refused();
  }
  if (row.disabled_at !== null) {
    audit(db, row.name, 'session.refused', row.id, { reason: 'disabled', via: options.via });
    throw new DeskError('unauthenticated', `用户 ${row.name} 已停用 / user ${row.name} is disabled`);
  }
  const lockedUntil = takeAttempt(db, row.id);
  if (!(await verifyPassword(password, row.password_hash))) {
    audit(db, row.name, 'session.refused', row.id, { reason: 'wrong_password', via: options.via, lockedUntil });
    throw refused();
  }
  return signIn(db, row, options.via);
}

/**
 * Count this try as failed before the password is hashed, in one write transaction, and lock
 * the user at the fifth: hashing takes long enough for many guesses to be in flight at once,
 * and counting only after it let all of them through the lock. A right password clears the
 * count (signIn). Returns the lock this try set, if any.
 */
function takeAttempt(db: Db, userId: string): string | null {
  return db.transaction(() => {
    const { failed_sign_ins: failed, locked_until: locked } = db.prepare('SELECT failed_sign_ins, locked_until FROM users WHERE id = ?').get(userId) as { failed_sign_ins: number; locked_until: string | null };
    if (locked !== null && locked > nowIso()) {
      const until = stationTime(locked);
      throw new DeskError(
        'unauthenticated',
        `尝试次数过多，请于北京时间 ${until} 后再试，或请管理员重设密码 / too many attempts: try again after ${until} Beijing time, or ask an administrator to reset the password`,
        { reason: 'locked', lockedUntil: locked },
      );
    }
    // A lock that has run out starts the count afresh.
    const failures = (locked === null ? failed : 0) + 1;
    const lock = failures >= MAX_FAILURES ? new Date(Date.now() + LOCK_MS).toISOString() : null;
    db.prepare('UPDATE users SET failed_sign_ins = ?, locked_until = ? WHERE id = ?').run(failures, lock, userId);
    return lock;
  }).immediate();
}

function signIn(db: Db, row: Parameters<typeof signedIn>[0], via: string): SignedInUser {
  db.transaction(() => {
    db.prepare('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?').run(row.id);
    appendEvent(db, { actor: row.name, kind: 'session.signedIn', subject: row.id, data: { via } });
  }).immediate();
  return signedIn(row);
}

function audit(db: Db, actor: string, kind: string, subject: string, data: Record<string, unknown>): void {
  db.transaction(() => appendEvent(db, { actor, kind, subject, data })).immediate();
}
