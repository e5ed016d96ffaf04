import type { MethodName, SessionState } from '../../../shared/contract';

/**
 * Whether the signed-in user may call a method, by the core's own method table as the session
 * carries it (refusedMethods). Screens use it to hide or lock what the core would refuse at save
 * time; the core checks every call regardless.
 */
export const mayCall = (session: SessionState | null, method: MethodName): boolean =>
  session?.user != null && !session.user.refusedMethods.includes(method);
