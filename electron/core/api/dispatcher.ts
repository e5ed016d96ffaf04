import {
  isMethodName,
  methods,
  type ApiResult,
  type MethodName,
  type ParsedRequestOf,
  type ResponseOf,
  type SignedInUser,
} from '../../../shared/contract';
import type { DeskSession } from '../auth/access';
import { DeskError } from '../errors';
import { requestProblemText, requestProblems } from './request-problems';

/** The call's connection session and its user (null only for the public session methods). */
export interface CallContext {
  readonly session: DeskSession;
  readonly user: SignedInUser | null;
}

/** A handler per method of the contract, with the request already validated and authorized. */
export type Handlers = {
  [K in MethodName]: (request: ParsedRequestOf<K>, call: CallContext) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/** Who may call what (auth/access.ts), and running a call as its user so audit events name them. */
export interface CallGuard {
  /** Before the request is read: signed in, and holding the method's permission if it has one. */
  admit(method: MethodName, session: DeskSession): SignedInUser | null;
  /** After validation: what only some requests need (items.get with reveal). */
  authorize(method: MethodName, request: unknown, user: SignedInUser | null): void;
  runAs<T>(user: SignedInUser | null, fn: () => T): T;
}

export type Dispatch = (method: string, request: unknown, session: DeskSession) => Promise<ApiResult<unknown>>;

/**
 * The one dispatcher every transport goes through: unknown methods, callers without the right
 * (not signed in, or lacking the method's permission) and invalid requests are refused here, at
 * the boundary, so handlers work on plain validated data for a known user.
 */
export function createDispatcher(handlers: Handlers, guard: CallGuard, onInternalError: (err: unknown) => void): Dispatch {
  return async (method, request, session) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `unknown method: ${method}` } };
    }
    try {
      const user = guard.admit(method, session);
      const parsed = methods[method].request.safeParse(request ?? {});
      if (!parsed.success) {
        // Said for people at the boundary: each problem under its field, in both languages.
        const problems = requestProblems(parsed.error.issues);
        return { ok: false, error: { code: 'bad_request', message: requestProblemText(problems), details: { problems } } };
      }
      guard.authorize(method, parsed.data, user);
      const handler = handlers[method] as (r: unknown, call: CallContext) => Promise<unknown> | unknown;
      return { ok: true, value: await guard.runAs(user, () => handler(parsed.data, { session, user })) };
    } catch (err) {
      if (err instanceof DeskError) {
        return { ok: false, error: { code: err.code, message: err.message, details: err.details } };
      }
      onInternalError(err);
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}
