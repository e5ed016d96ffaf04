import { isSeparatedRole, ROLE_NAMES, SEPARATED_ROLES, type AdminMode, type Role } from '../../../shared/auth/permissions';
import { DeskError } from '../errors';
import { appendEvent } from '../audit/event-log';
import type { Db } from '../store/open-database';
import { newId, nowIso } from '../util/ids';
import { NewPassword } from '../../../shared/contract/session-api';
import { hashPassword } from './password-hash';

/** A station user as lists and the command line show it (never the hash). */
export interface StationUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly password_hash: string;
  readonly disabled_at: string | null;
  readonly failed_sign_ins: number;
  readonly locked_until: string | null;
  readonly created_at: string;
  readonly created_by: string;
}

const toUser = (r: UserRow): StationUser => ({
  id: r.id,
  name: r.name,
  role: r.role,
  disabled: r.disabled_at !== null,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export const countUsers = (db: Db): number => db.prepare('SELECT count(*) FROM users').pluck().get() as number;

/** Users with their effective role: a 三员 duty (user_duties) stands in for the stored role. */
const USERS = 'SELECT u.*, coalesce(d.duty, u.role) AS role FROM users u LEFT JOIN user_duties d ON d.user_id = u.id';

export const userRowByName = (db: Db, name: string): UserRow | undefined =>
  db.prepare(`${USERS} WHERE u.name = ?`).get(name) as UserRow | undefined;

export const userRowById = (db: Db, id: string): UserRow | undefined => db.prepare(`${USERS} WHERE u.id = ?`).get(id) as UserRow | undefined;

export const listUsers = (db: Db): StationUser[] => (db.prepare(`${USERS} ORDER BY u.name`).all() as UserRow[]).map(toUser);

const ADMIN_MODE_KEY = 'admin.mode';

/** One administrator (`single`, the default of small branches) or three (`separated`, 三员分立). */
export const adminMode = (db: Db): AdminMode =>
  ((db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ADMIN_MODE_KEY) as AdminMode | undefined) ?? 'single');

/** Enabled single administrators, but for one user (null: none excepted). */
const enabledAdmins = (db: Db, exceptId: string | null): number =>
  db.prepare("SELECT count(*) FROM users u WHERE u.role = 'admin' AND u.disabled_at IS NULL AND u.id IS NOT ? AND NOT EXISTS (SELECT 1 FROM user_duties d WHERE d.user_id = u.id)")
    .pluck()
    .get(exceptId) as number;

/** Enabled users holding each 三员 duty, by duty. */
function dutyHolders(db: Db, exceptId: string | null): Map<string, number> {
  const rows = db
    .prepare('SELECT d.duty, count(*) AS n FROM user_duties d JOIN users u ON u.id = d.user_id WHERE u.disabled_at IS NULL AND u.id IS NOT ? GROUP BY d.duty')
    .all(exceptId) as Array<{ duty: string; n: number }>;
  return new Map(rows.map((r) => [r.duty, r.n]));
}

/**
 * Give a role: a 三员 duty is a row of its own, written once, so no user holds two and nobody
 * moves from one to another (the auditor of yesterday does not administer today). A separated
 * station gives no one the single administrator's role.
 */
function assignRole(db: Db, actor: string, row: Pick<UserRow, 'id' | 'name' | 'role'>, role: Role): void {
  if (isSeparatedRole(row.role)) {
    throw new DeskError('conflict', `${row.name} 是${ROLE_NAMES[row.role].zh}，三员角色不能更换，请另建用户 / ${row.name} is ${ROLE_NAMES[row.role].en}: a separated role never changes, add another user`);
  }
  if (role === 'admin' && adminMode(db) === 'separated') {
    throw new DeskError('conflict', '本站已实行三员分立，不设单一管理员 / this station separates its administrators: no single administrator');
  }
  // A duty's holder keeps only the everyday role beneath it, so nothing of an earlier role remains.
  db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE id = ?').run(isSeparatedRole(role) ? 'clerk' : role, nowIso(), row.id);
  if (isSeparatedRole(role)) db.prepare('INSERT INTO user_duties (user_id, duty, actor, at) VALUES (?, ?, ?, ?)').run(row.id, role, actor, nowIso());
}

/** Every new password passes here (first administrator, new users, resets), so the rule holds for all. */
async function hashNew(password: string): Promise<string> {
  const checked = NewPassword.safeParse(password);
  if (!checked.success) throw new DeskError('bad_request', `密码 / password: ${checked.error.issues[0]?.message ?? ''}`);
  return hashPassword(password);
}

function userOrThrow(db: Db, name: string): UserRow {
  const row = userRowByName(db, name);
  if (!row) throw new DeskError('not_found', `没有用户 ${name} / no user ${name}`);
  return row;
}

/**
 * Add a user. `firstAdmin` adds the station's first administrator and only succeeds while the
 * station has no user at all (checked inside the transaction, so two first sign-ins cannot both win).
 */
export async function addUser(db: Db, actor: string, input: { name: string; role: Role; password: string }, firstAdmin = false): Promise<StationUser> {
  const hash = await hashNew(input.password);
  return db.transaction(() => {
    if (firstAdmin && countUsers(db) > 0) throw new DeskError('conflict', '工作站已有用户 / the station has users already');
    if (userRowByName(db, input.name)) throw new DeskError('conflict', `用户 ${input.name} 已存在 / user ${input.name} exists already`);
    const id = newId('U');
    const at = nowIso();
    db.prepare("INSERT INTO users (id, name, role, password_hash, created_at, created_by, updated_at) VALUES (?, ?, 'clerk', ?, ?, ?, ?)").run(id, input.name, hash, at, actor, at);
    if (input.role !== 'clerk') assignRole(db, actor, { id, name: input.name, role: 'clerk' }, input.role);
    appendEvent(db, { actor, kind: 'user.added', subject: id, data: { name: input.name, role: input.role, firstAdmin } });
    return toUser(userRowById(db, id)!);
  }).immediate();
}

/**
 * Refuse a change that would leave the station without its administration: an enabled single
 * administrator, or an enabled holder of each of the three separated duties.
 */
function keepAnAdmin(db: Db, changing: UserRow): void {
  if ((changing.role !== 'admin' && !isSeparatedRole(changing.role)) || changing.disabled_at !== null) return;
  const holders = dutyHolders(db, changing.id);
  if (enabledAdmins(db, changing.id) === 0 && !SEPARATED_ROLES.every((d) => (holders.get(d) ?? 0) > 0)) {
    throw new DeskError('conflict', '这是最后一位可用的管理员（或三员之一的最后一人）/ this is the last enabled administrator (or the last holder of a separated duty)');
  }
}

/**
 * Switch between one administrator and three. Separated needs an enabled system administrator,
 * security administrator and auditor, and no enabled single administrator left (disable it
 * first): otherwise one person could still do all three jobs.
 */
export function setAdminMode(db: Db, actor: string, mode: AdminMode): AdminMode {
  return db.transaction(() => {
    const from = adminMode(db);
    if (mode === 'separated') {
      const holders = dutyHolders(db, null);
      const missing = SEPARATED_ROLES.filter((d) => (holders.get(d) ?? 0) === 0);
      if (missing.length > 0) throw new DeskError('conflict', `三员尚未齐备：缺少${missing.map((d) => ROLE_NAMES[d].zh).join('、')} / missing: ${missing.map((d) => ROLE_NAMES[d].en).join(', ')}`);
      if (enabledAdmins(db, null) > 0) throw new DeskError('conflict', '请先停用单一管理员账号 / disable the single administrator first');
    }
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(ADMIN_MODE_KEY, mode);
    appendEvent(db, { actor, kind: 'station.admin-mode', subject: 'station', data: { from, to: mode } });
    return mode;
  }).immediate();
}

export function setRole(db: Db, actor: string, name: string, role: Role): StationUser {
  return db.transaction(() => {
    const row = userOrThrow(db, name);
    if (role !== 'admin') keepAnAdmin(db, row);
    assignRole(db, actor, row, role);
    appendEvent(db, { actor, kind: 'user.role', subject: row.id, data: { name: row.name, from: row.role, to: role } });
    return toUser(userRowById(db, row.id)!);
  }).immediate();
}

/** A new password also lifts a sign-in lock: the administrator has just spoken to the user. */
export async function setPassword(db: Db, actor: string, name: string, password: string): Promise<StationUser> {
  const hash = await hashNew(password);
  return db.transaction(() => {
    const row = userOrThrow(db, name);
    db.prepare('UPDATE users SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(hash, nowIso(), row.id);
    appendEvent(db, { actor, kind: 'user.password', subject: row.id, data: { name: row.name } });
    return toUser(userRowById(db, row.id)!);
  }).immediate();
}

export function setDisabled(db: Db, actor: string, name: string, disabled: boolean): StationUser {
  return db.transaction(() => {
    const row = userOrThrow(db, name);
    if (disabled) keepAnAdmin(db, row);
    db.prepare('UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?').run(disabled ? (row.disabled_at ?? nowIso()) : null, nowIso(), row.id);
    appendEvent(db, { actor, kind: disabled ? 'user.disabled' : 'user.enabled', subject: row.id, data: { name: row.name } });
    return toUser(userRowById(db, row.id)!);
  }).immediate();
}
