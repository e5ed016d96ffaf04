import { can, permissionsOf, PUBLIC_METHODS, requiredPermission, ROLE_NAMES, type Permission } from '../../../shared/auth/permissions';
import type { SignedInUser } from '../../../shared/contract/session-api';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { countUsers, userRowById, type UserRow } from './user-store';

/**
 * One connection's session (an Electron window, a browser on the bridge). It holds only the user
 * id: the user is read again on every call, so a disabled user or a changed role counts at once.
 */
export interface DeskSession {
  userId: string | null;
}

export const newSession = (): DeskSession => ({ userId: null });

export const signedIn = (row: Pick<UserRow, 'id' | 'name' | 'role'>): SignedInUser => ({
  id: row.id,
  name: row.name,
  role: row.role,
  permissions: permissionsOf(row.role),
});

/** The session's user, or null; a session whose user was disabled is signed out here. */
export function sessionUser(db: Db, session: DeskSession): SignedInUser | null {
  if (session.userId === null) return null;
  const row = userRowById(db, session.userId);
  if (!row || row.disabled_at !== null) {
    session.userId = null;
    return null;
  }
  return signedIn(row);
}

export function assertPermission(user: SignedInUser | null, permission: Permission): void {
  if (!user) throw new DeskError('unauthenticated', '请先登录 / sign in first');
  if (!can(user.role, permission)) {
    const role = ROLE_NAMES[user.role];
    throw new DeskError('forbidden', `${role.zh}（${user.name}）没有“${permission}”权限 / ${role.en} ${user.name} lacks the permission ${permission}`, { permission });
  }
}

/**
 * The dispatcher's check before any handler runs: the caller must be signed in (but for the
 * session's own methods and the station's name) and hold the method's permission.
 */
export function authorize(db: Db, method: string, request: unknown, session: DeskSession): SignedInUser | null {
  const user = sessionUser(db, session);
  if (PUBLIC_METHODS.has(method)) return user;
  const permission = requiredPermission(method, request);
  if (permission) assertPermission(user, permission);
  else if (!user) throw new DeskError('unauthenticated', '请先登录 / sign in first');
  return user;
}

/**
 * For in-process callers that have no session (the command line): on a station that has no
 * users yet nothing is enforced — its OS account owns the files anyway; once users exist, the
 * acting user must hold the permission.
 */
export function assertProcessPermission(db: Db, user: SignedInUser | null, permission: Permission): void {
  if (countUsers(db) === 0) return;
  assertPermission(user, permission);
}
