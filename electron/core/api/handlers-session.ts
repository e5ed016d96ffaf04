import type { sessionMethods } from '../../../shared/contract/session-api';
import { appendEvent } from '../audit/event-log';
import { sessionUser, type DeskSession } from '../auth/access';
import { authenticate } from '../auth/authenticate';
import { idleLockSeconds } from '../auth/idle-lock-setting';
import { countUsers, setPassword } from '../auth/user-store';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import type { Handlers } from './dispatcher';

type SessionHandlers = Pick<Handlers, keyof typeof sessionMethods>;

/** Sign-in and sign-out of the calling connection; the first sign-in on a new station creates the administrator. */
export function createSessionHandlers(db: Db): SessionHandlers {
  const state = (session: DeskSession) => {
    const user = sessionUser(db, session);
    return { user, hasUsers: countUsers(db) > 0, locked: user !== null && session.locked, idleLockSeconds: idleLockSeconds(db) };
  };
  const audit = (actor: string, kind: string, subject: string, data: Record<string, unknown> = {}) =>
    db.transaction(() => appendEvent(db, { actor, kind, subject, data })).immediate();
  return {
    'session.get': (_req, { session }) => state(session),
    'session.signIn': async (req, { session }) => {
      const user = await authenticate(db, req.name, req.password, { via: 'desk', firstAdmin: true });
      session.userId = user.id;
      session.locked = false;
      return state(session);
    },
    'session.changePassword': async (req, { session, user }) => {
      if (!user) throw new DeskError('unauthenticated', '请先登录 / sign in first');
      // Checked like a sign-in, so guessing the current PIN here meets the same lock.
      await authenticate(db, user.name, req.current, { via: 'desk', firstAdmin: false });
      await setPassword(db, user.name, user.name, req.next);
      return state(session);
    },
    'session.signOut': (_req, { session, user }) => {
      if (user) audit(user.name, 'session.signedOut', user.id, { wasLocked: session.locked });
      session.userId = null;
      session.locked = false;
      return state(session);
    },
    'session.lock': (_req, { session, user }) => {
      if (user && !session.locked) {
        session.locked = true;
        audit(user.name, 'session.locked', user.id);
      }
      return state(session);
    },
    // The same password check as a sign-in (counted before hashing, five tries, then the user's
    // lock), but only for the user who locked: nobody else may take over the work on screen.
    'session.unlock': async (req, { session, user }) => {
      if (user && session.locked) {
        await authenticate(db, user.name, req.password, { via: 'unlock', firstAdmin: false });
        session.locked = false;
      }
      return state(session);
    },
  };
}
