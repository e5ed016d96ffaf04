import { can } from '../../../shared/auth/permissions';
import type { SignedInUser, StatsReport } from '../../../shared/contract';
import { DeskError } from '../errors';

export type StatsScope = StatsReport['scope'];

/**
 * Whose figures a caller may see. Station heads and administrators (stats.view) see the whole
 * station; anyone else sees only the facts recorded under their own name, and asking for another
 * clerk's is refused rather than quietly answered with their own. `enforce` is false only where
 * nobody signs in (a command line on a station without users: its OS account owns the files).
 */
export function statsScope(user: SignedInUser | null, enforce: boolean, requestedClerk: string | null): StatsScope {
  if (!enforce) return { kind: 'station' };
  if (!user) throw new DeskError('unauthenticated', '请先登录 / sign in first');
  if (can(user.role, 'stats.view')) return { kind: 'station' };
  if (requestedClerk !== null && requestedClerk !== user.name) {
    throw new DeskError('forbidden', `只能查看本人的统计 / you may only see your own figures, not ${requestedClerk}'s`, { permission: 'stats.view' });
  }
  return { kind: 'own', clerk: user.name };
}

/** The clerk filter a scope imposes: its own name, or what was asked for. */
export const scopedClerk = (scope: StatsScope, requested: string | null): string | null => (scope.kind === 'own' ? scope.clerk : requested);
