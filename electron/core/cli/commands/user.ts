import { ROLE_NAMES, ROLES, type Role } from '../../../../shared/auth/permissions';
import { NewPassword, UserName } from '../../../../shared/contract/session-api';
import { addUser, listUsers, setDisabled, setPassword, setRole, type StationUser } from '../../auth/user-store';
import { requireCliPermission } from '../acting-user';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { withFiling } from '../filing-cli';
import { newPassword } from '../password-prompt';

const USAGE = 'user list | user add NAME --role clerk|archivist|qc|admin | user role NAME ROLE | user passwd NAME | user disable NAME [--enable]';

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
 * Station users and roles (users.manage). New passwords come from HPF_DESK_NEW_PASSWORD or are
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
      if (!(action === 'passwd' && name !== undefined && self !== undefined && name.toLowerCase() === self.toLowerCase())) requireCliPermission(ctx, 'users.manage');
      let result: StationUser | StationUser[];
      switch (action) {
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
        default:
          throw new UsageError(`user: ${USAGE}`);
      }
      const user = result;
      io.result(user, () => line(user));
      return 0;
    });
  },
};
