import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../auth/permissions';

export const Role = z.enum(ROLES);
export const Permission = z.enum(PERMISSIONS);

/** A station user's login name: letters (汉字 too), digits, dot, dash, underscore. */
export const UserName = z.string().trim().regex(/^[\p{L}\p{N}._-]{1,40}$/u, '用户名为 1–40 个字母、数字、汉字或 . _ - / 1–40 letters, digits, . _ -');
/** What a sign-in may bring: checked against the stored hash, not against today's rules. */
export const Password = z.string().min(1).max(128);
/**
 * A new password: a PIN of 6+ digits is enough at the counter (five tries, then a lock, leave a
 * guesser five chances in a million); longer passwords are welcome.
 */
export const NewPassword = z.string().min(6, '至少 6 位 / at least 6 characters').max(128);

export const SignedInUser = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  permissions: z.array(Permission),
  /**
   * The contract methods the core refuses this user (its method table applied to the role), so
   * screens hide or lock what would fail at save time; the core still checks every call.
   */
  refusedMethods: z.array(z.string()),
});
export type SignedInUser = z.infer<typeof SignedInUser>;

export const SessionState = z.object({
  user: SignedInUser.nullable(),
  /** False on a new station: the first sign-in creates the administrator. */
  hasUsers: z.boolean(),
  /** Locked after idling: the work stays on screen behind a PIN prompt; only unlock and sign-out are answered. */
  locked: z.boolean(),
  /** The station's idle time before the desk locks itself. */
  idleLockSeconds: z.number().int().positive(),
});
export type SessionState = z.infer<typeof SessionState>;

/** The caller's own session; it belongs to the connection (window or browser) it arrived on. */
export const sessionMethods = {
  'session.get': { request: z.object({}), response: SessionState },
  'session.signIn': { request: z.object({ name: UserName, password: Password }), response: SessionState },
  'session.signOut': { request: z.object({}), response: SessionState },
  /** The desk was left alone: lock it until the same user gives their PIN again (or signs out). */
  'session.lock': { request: z.object({}), response: SessionState },
  'session.unlock': { request: z.object({ password: Password }), response: SessionState },
  /** The signed-in user's own new PIN or password, given the current one (a wrong one counts as a failed sign-in). */
  'session.changePassword': { request: z.object({ current: Password, next: NewPassword }), response: SessionState },
} as const;
