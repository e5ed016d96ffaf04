import { ADMIN_MODES, ROLE_NAMES, ROLES, type AdminMode, type Role } from '../../../../shared/auth/permissions';
import { NewPassword, UserName } from '../../../../shared/contract/session-api';
import { holds } from '../../auth/access';
import { MAX_IDLE_LOCK_SECONDS, MIN_IDLE_LOCK_SECONDS, idleLockSeconds, parseIdleLock, setIdleLockSeconds } from '../../auth/idle-lock-setting';
import { appendEvent } from '../../audit/event-log';
import { addUser, countUsers, listUsers, setAdminMode, setDisabled, setPassword, setRole, type StationUser } from '../../auth/user-store';
import { requireCliPermission } from '../acting-user';
import { UsageError, type CliIo } from '../cli-io';
import type { CoreContext } from '../../open-core';
import type { Command } from '../command';
import { withFiling } from '../filing-cli';
import { newPassword } from '../password-prompt';

const USAGE = `user list | user add NAME --role ${ROLES.join('|')} | user role NAME ROLE | user passwd NAME | user disable NAME [--enable] | user mode single|separated | user idle-lock [5m|90s]`;

const parseRole = (value: unknown): Role => {
  if (!ROLES.includes(value as Role)) throw new UsageError(`角色应为 / role must be one of: ${ROLES.join(', ')}`);
  return value as Role;
};

const parseName = (value: string | undefined): string => {
  const parsed = UserName.safeParse(value ?? '');
  if (!parsed.success) throw new UsageError(`user: ${parsed.error.issues[0]?.message ?? USAGE}`);
  return parsed.data;
};

async function readNewPassword(): Promise<string> {
  const parsed = NewPassword.safeParse(await newPassword());
  if (!parsed.success) throw new UsageError(`密码 / password: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

const line = (u: StationUser) => `${u.name.padEnd(16)} ${ROLE_NAMES[u.role].zh} ${u.role.padEnd(10)} ${u.disabled ? '已停用 disabled' : '可用 enabled'}  ${u.createdAt}`;

/**
 * Station users and roles. Adding, resetting and disabling users is users.manage (the system
 * administrator's); giving any role beyond 窗口柜员 and switching between one and three
 * administrators is roles.assign (the security administrator's): under 三员分立 neither can
 * make a user who does the other's work. New passwords come from HPF_DESK_NEW_PASSWORD or are
 * asked twice; a user may always change their own.
 */
export const userCommand: Command = {
  name: 'user',
  usage: USAGE,
  summary: '工作站用户与角色 / station users and roles',
  options: { role: { type: 'string' }, enable: { type: 'boolean', default: false } },
  async run(input) {
    const { positionals, values, io } = input;
    const [action, name, role] = positionals;
    return withFiling(input, async (ctx) => {
      const self = ctx.callers.current()?.name;
      const ownPassword = action === 'passwd' && name !== undefined && self !== undefined && name.toLowerCase() === self.toLowerCase();
      // Who gives roles needs to see the users as much as who adds them.
      const listing = action === 'list' && countUsers(ctx.db) > 0 && holds(ctx.callers.current(), 'roles.assign');
      if (action === 'role' || action === 'mode') requireCliPermission(ctx, 'roles.assign');
      else if (!ownPassword && !listing) requireCliPermission(ctx, 'users.manage');
      if (action === 'add' && values.role !== undefined && values.role !== 'clerk') requireCliPermission(ctx, 'roles.assign');
      let result: StationUser | StationUser[];
      switch (action) {
        case 'mode': {
          if (!ADMIN_MODES.includes(name as AdminMode)) throw new UsageError(`user mode: ${ADMIN_MODES.join(' | ')}`);
          const mode = setAdminMode(ctx.db, ctx.actor, name as AdminMode);
          io.result({ mode }, () => (mode === 'separated' ? '已实行三员分立 / administrators separated (三员分立)' : '单一管理员 / single administrator'));
          return 0;
        }
        case 'list':
          result = listUsers(ctx.db);
          io.result(result, () => (result as StationUser[]).map(line).join('\n') || '还没有用户 / no users yet');
          return 0;
        case 'add':
          result = await addUser(ctx.db, ctx.actor, { name: parseName(name), role: parseRole(values.role), password: await readNewPassword() });
          break;
        case 'role':
          result = setRole(ctx.db, ctx.actor, parseName(name), parseRole(role));
          break;
        case 'passwd':
          result = await setPassword(ctx.db, ctx.actor, parseName(name), await readNewPassword());
          break;
        case 'disable':
          result = setDisabled(ctx.db, ctx.actor, parseName(name), values.enable !== true);
          break;
        case 'idle-lock':
          return idleLock(ctx, name, io);
        default:
          throw new UsageError(`user: ${USAGE}`);
      }
      const user = result;
      io.result(user, () => line(user));
      return 0;
    });
  },
};

/** The station's idle time before a desk locks itself: shown without a value, set with one (audited). */
function idleLock(ctx: CoreContext, value: string | undefined, io: CliIo): number {
  if (value !== undefined) {
    const seconds = parseIdleLock(value);
    if (seconds === null || seconds < MIN_IDLE_LOCK_SECONDS || seconds > MAX_IDLE_LOCK_SECONDS) {
      throw new UsageError(`user idle-lock: ${MIN_IDLE_LOCK_SECONDS}s–${MAX_IDLE_LOCK_SECONDS / 60}m, e.g. 5m or 90s`);
    }
    ctx.db.transaction(() => {
      setIdleLockSeconds(ctx.db, seconds);
      appendEvent(ctx.db, { actor: ctx.actor, kind: 'station.idleLockSet', subject: 'station', data: { seconds } });
    }).immediate();
  }
  const seconds = idleLockSeconds(ctx.db);
  io.result({ idleLockSeconds: seconds }, () => `空闲 ${seconds} 秒后锁定 / locks after ${seconds} s idle`);
  return 0;
}
