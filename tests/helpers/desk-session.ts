import type { ApiResult, MethodName } from '../../shared/contract';
import type { Core } from '../../electron/core/core-api';
import { createDispatcher } from '../../electron/core/api/dispatcher';
import { createHandlers } from '../../electron/core/api/handlers';
import { admit, authorizeRequest, newSession, type DeskSession } from '../../electron/core/auth/access';
import { addUser, countUsers, listUsers } from '../../electron/core/auth/user-store';
import type { CoreContext } from '../../electron/core/open-core';

/** The administrator the first sign-in on a test station creates. */
export const TEST_ADMIN = { name: 'admin', password: '246800' } as const;

/**
 * A connection to the core as the UI has one: its own session, signed in. On a new station the
 * first sign-in creates the administrator, as it does at the desk.
 */
export async function signedInCaller(core: Core, user: { name: string; password: string } = TEST_ADMIN) {
  const session = core.newSession();
  const raw = (method: string, request: unknown) => core.dispatch(method, request, session) as Promise<ApiResult<unknown>>;
  const call = async <T>(method: string, request: unknown): Promise<T> => {
    const r = await raw(method, request);
    if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  await call('session.signIn', user);
  return { session, raw, call };
}

/**
 * The one dispatcher over a core context (tests that open the context themselves), with the real
 * access checks and a session signed in as a station administrator, as the desk's would be.
 */
export async function adminDispatch(ctx: CoreContext): Promise<(method: string, request: unknown) => Promise<ApiResult<unknown>>> {
  const admin = countUsers(ctx.db) === 0 ? await addUser(ctx.db, 'test', { name: TEST_ADMIN.name, role: 'admin', password: TEST_ADMIN.password }, true) : null;
  const session = newSession();
  session.userId = admin?.id ?? listUsers(ctx.db).find((u) => u.role === 'admin')!.id;
  const guard = { admit: (method: MethodName, s: DeskSession) => admit(ctx.db, method, s), authorize: authorizeRequest, runAs: ctx.callers.run.bind(ctx.callers) };
  const dispatch = createDispatcher(createHandlers(ctx), guard, (err) => {
    throw err;
  });
  return (method, request) => dispatch(method, request, session);
}
