import { READ_ONLY_ROLES, ROLE_NAMES, type Permission } from '../../../shared/auth/permissions';
import { Password, UserName } from '../../../shared/contract/session-api';
import { DeskError } from '../errors';
import { assertProcessPermission } from '../auth/access';
import { authenticate } from '../auth/authenticate';
import { countUsers } from '../auth/user-store';
import type { CoreContext } from '../open-core';
import { UsageError } from './cli-io';
import { promptPassword } from './password-prompt';

/**
 * Who runs this command. On a station without users (a new store, or one from before users
 * existed) the command acts as the OS user, as it always did — that account owns the files.
 * Once users exist it must name one (--user or HPF_DESK_USER) and prove it (HPF_DESK_PASSWORD, or
 * a prompt on the terminal); that user's role then decides what the command may do.
 */
export async function actAsCliUser(ctx: CoreContext, userOption: string | undefined): Promise<void> {
  const name = userOption ?? process.env.HPF_DESK_USER;
  if (countUsers(ctx.db) === 0) return;
  if (name === undefined || name === '') {
    throw new DeskError('unauthenticated', '本工作站已有用户：请用 --user NAME 或 HPF_DESK_USER 指明身份 / this station has users: name yours with --user NAME or HPF_DESK_USER');
  }
  const parsedName = UserName.safeParse(name);
  if (!parsedName.success) throw new UsageError(`--user: ${parsedName.error.issues[0]?.message ?? 'invalid'}`);
  const password = process.env.HPF_DESK_PASSWORD ?? (await promptPassword(`${name} 的密码 / password for ${name}: `, 'HPF_DESK_PASSWORD'));
  if (!Password.safeParse(password).success) throw new DeskError('unauthenticated', '用户名或密码错误 / wrong user name or password');
  ctx.callers.actAs(await authenticate(ctx.db, parsedName.data, password, { via: 'cli', firstAdmin: false }));
}

/** Refuse the command unless the acting user holds the permission (nothing is enforced before the first user exists). */
export function requireCliPermission(ctx: CoreContext, permission: Permission): void {
  assertProcessPermission(ctx.db, ctx.callers.current(), permission);
}

/** Commands that only read the store; any other is refused to a read-only role (the auditor). */
const READ_COMMANDS: ReadonlySet<string> = new Set(['list', 'show', 'text', 'search', 'suggest', 'check', 'stats', 'audit', 'retention', 'verify']);

/** The auditor "can change nothing": on the command line as through the API. */
export function refuseChangesByReadOnly(ctx: CoreContext, command: string): void {
  const user = ctx.callers.current();
  if (user && READ_ONLY_ROLES.includes(user.role) && !READ_COMMANDS.has(command)) {
    throw new DeskError('forbidden', `${ROLE_NAMES[user.role].zh}只能查阅，不能更改 / a ${ROLE_NAMES[user.role].en} reads and changes nothing: ${command}`);
  }
}
