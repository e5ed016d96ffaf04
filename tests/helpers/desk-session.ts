import type { ApiResult } from '../../shared/contract';
import type { Core } from '../../electron/core/core-api';

/** The administrator the first sign-in on a test station creates. */
export const TEST_ADMIN = { name: 'admin', password: '2468' } as const;

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
