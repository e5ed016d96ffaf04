import type { Role } from '../../../shared/auth/permissions';
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

export const userRowByName = (db: Db, name: string): UserRow | undefined =>
  db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;

export const userRowById = (db: Db, id: string): UserRow | undefined => db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;

export const listUsers = (db: Db): StationUser[] => (db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toUser);

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
    db.prepare('INSERT INTO users (id, name, role, password_hash, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.name, input.role, hash, at, actor, at);
    appendEvent(db, { actor, kind: 'user.added', subject: id, data: { name: input.name, role: input.role, firstAdmin } });
    return toUser(userRowById(db, id)!);
  }).immediate();
}

/** Refuse a change that would leave the station without an enabled administrator. */
function keepAnAdmin(db: Db, changing: UserRow): void {
  if (changing.role !== 'admin' || changing.disabled_at !== null) return;
  const others = db.prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?").pluck().get(changing.id) as number;
  if (others === 0) throw new DeskError('conflict', '这是最后一位可用的管理员 / this is the last enabled administrator');
}

export function setRole(db: Db, actor: string, name: string, role: Role): StationUser {
  return db.transaction(() => {
    const row = userOrThrow(db, name);
    if (role !== 'admin') keepAnAdmin(db, row);
    db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE id = ?').run(role, nowIso(), row.id);
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
