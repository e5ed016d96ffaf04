import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../auth/permissions';

export const Role = z.enum(ROLES);
export const Permission = z.enum(PERMISSIONS);

/** A station user's login name: letters (汉字 too), digits, dot, dash, underscore. */
export const UserName = z.string().trim().regex(/^[\p{L}\p{N}._-]{1,40}$/u, '用户名为 1–40 个字母、数字、汉字或 . _ - / 1–40 letters, digits, . _ -');
/** A PIN (4+ digits) is enough at the counter; longer passwords are welcome. */
export const Password = z.string().min(4, '至少 4 位 / at least 4 characters').max(128);

export const SignedInUser = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  permissions: z.array(Permission),
});
export type SignedInUser = z.infer<typeof SignedInUser>;

export const SessionState = z.object({
  user: SignedInUser.nullable(),
  /** False on a new station: the first sign-in creates the administrator. */
  hasUsers: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;

/** The caller's own session; it belongs to the connection (window or browser) it arrived on. */
export const sessionMethods = {
  'session.get': { request: z.object({}), response: SessionState },
  'session.signIn': { request: z.object({ name: UserName, password: Password }), response: SessionState },
  'session.signOut': { request: z.object({}), response: SessionState },
} as const;
