import type { sessionMethods } from '../../../shared/contract/session-api';
import { appendEvent } from '../audit/event-log';
import { sessionUser, type DeskSession } from '../auth/access';
import { authenticate } from '../auth/authenticate';
import { countUsers, setPassword } from '../auth/user-store';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import type { Handlers } from './dispatcher';

type SessionHandlers = Pick<Handlers, keyof typeof sessionMethods>;

/** Sign-in and sign-out of the calling connection; the first sign-in on a new station creates the administrator. */
export function createSessionHandlers(db: Db): SessionHandlers {
  const state = (session: DeskSession) => ({ user: sessionUser(db, session), hasUsers: countUsers(db) > 0 });
  return {
    'session.get': (_req, { session }) => state(session),
    'session.signIn': async (req, { session }) => {
      const user = await authenticate(db, req.name, req.password, { via: 'desk', firstAdmin: true });
      session.userId = user.id;
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
      if (user) db.transaction(() => appendEvent(db, { actor: user.name, kind: 'session.signedOut', subject: user.id, data: {} })).immediate();
      session.userId = null;
      return state(session);
    },
  };
}
