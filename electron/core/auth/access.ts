import { can, permissionsOf, READ_ONLY_ROLES, ROLE_NAMES, type Permission, type Role } from '../../../shared/auth/permissions';
import type { MethodName, ParsedRequestOf } from '../../../shared/contract';
import type { SignedInUser } from '../../../shared/contract/session-api';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { METHOD_ACCESS, type MethodAccess } from './method-access';
import { READ_METHODS } from './read-methods';
import { countUsers, userRowById, type UserRow } from './user-store';

/**
 * One connection's session (an Electron window, a browser on the bridge). It holds only the user
 * id: the user is read again on every call, so a disabled user or a changed role counts at once.
 */
export interface DeskSession {
  userId: string | null;
  /** Left alone past the station's idle time: only the methods below answer until unlocked. */
  locked: boolean;
}

export const newSession = (): DeskSession => ({ userId: null, locked: false });

/**
 * What a locked session may still call: who it is (to draw the lock screen after a reload),
 * unlocking with the same user's PIN, and signing out (which gives up the work on screen).
 * Signing in as someone else is not among them: the next user would see the last one's work.
 */
const OPEN_WHILE_LOCKED: ReadonlySet<MethodName> = new Set<MethodName>(['station.info', 'session.get', 'session.unlock', 'session.signOut']);

export const signedIn = (row: Pick<UserRow, 'id' | 'name' | 'role'>): SignedInUser => ({
  id: row.id,
  name: row.name,
  role: row.role,
  permissions: permissionsOf(row.role),
  refusedMethods: refusedMethods(row.role),
});

/**
 * The methods `admit` refuses a role whatever the request: those needing a permission the role
 * lacks, and for a read-only role every method that changes something. Methods that need a
 * permission only for some requests (`permissionWhen`, `scoped`) are open in general.
 */
export function refusedMethods(role: Role): MethodName[] {
  return (Object.keys(METHOD_ACCESS) as MethodName[]).filter((method) => {
    const access = METHOD_ACCESS[method] as MethodAccess;
    if (access.kind === 'public') return false;
    if (access.kind === 'permission' && !can(role, access.permission)) return true;
    return READ_ONLY_ROLES.includes(role) && !READ_METHODS.has(method);
  });
}

/** The session's user, or null; a session whose user was disabled is signed out here. */
export function sessionUser(db: Db, session: DeskSession): SignedInUser | null {
  if (session.userId === null) return null;
  const row = userRowById(db, session.userId);
  if (!row || row.disabled_at !== null) {
    session.userId = null;
    session.locked = false;
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

/** Whether a signed-in user holds a permission (for handlers that narrow a `scoped` call). */
export const holds = (user: SignedInUser | null, permission: Permission): boolean => user !== null && can(user.role, permission);

/**
 * The dispatcher's first check, before it even reads the request, by the method table
 * (auth/method-access.ts): public methods for anyone, the rest only for a signed-in user, and a
 * method that needs a permission only for its holders. An outsider learns nothing of the schema.
 */
export function admit(db: Db, method: MethodName, session: DeskSession): SignedInUser | null {
  const user = sessionUser(db, session);
  // Default deny: a method the table does not name (only possible past the type) is nobody's.
  if (!Object.prototype.hasOwnProperty.call(METHOD_ACCESS, method)) throw new DeskError('forbidden', `未登记权限的方法 / method ${method} is not classified`);
  if (user && session.locked && !OPEN_WHILE_LOCKED.has(method)) throw new DeskError('locked', '工作站已锁定，请输入密码解锁 / the desk is locked: unlock it with your password');
  const access = METHOD_ACCESS[method];
  if (access.kind === 'public') return user;
  if (access.kind === 'permission') assertPermission(user, access.permission);
  else if (!user) throw new DeskError('unauthenticated', '请先登录 / sign in first');
  if (user && READ_ONLY_ROLES.includes(user.role) && !READ_METHODS.has(method)) {
    throw new DeskError('forbidden', `${ROLE_NAMES[user.role].zh}只能查阅，不能更改 / a ${ROLE_NAMES[user.role].en} reads and changes nothing: ${method}`, { method });
  }
  return user;
}

/** The second check, on the validated request: what only some requests of a method need. */
export function authorizeRequest<K extends MethodName>(method: K, request: ParsedRequestOf<K>, user: SignedInUser | null): void {
  const access = METHOD_ACCESS[method] as MethodAccess<K>;
  if (access.kind === 'permissionWhen' && access.when(request)) assertPermission(user, access.permission);
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
