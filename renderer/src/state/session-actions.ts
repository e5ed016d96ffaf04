import type { SessionState } from '../../../shared/contract';
import type { ActionContext } from './action-context';
import { reportError } from './action-context';

/**
 * Who works at this window. Until someone signs in only the sign-in dialog is shown (the core
 * refuses every other call anyway); a sign-in, first or as another user, then loads the desk.
 */
export function createSessionActions(ctx: ActionContext, onSignedIn: () => Promise<void>) {
  const { client, store } = ctx;

  const apply = (session: SessionState) => {
    store.setState((s) => ({
      session,
      // Signed out: the sign-in dialog is the only thing the keyboard reaches.
      dialog: session.user ? (s.dialog === 'sign-in' ? 'none' : s.dialog) : 'sign-in',
    }));
  };

  async function loadSession(): Promise<void> {
    try {
      const session = await client.call('session.get', {});
      apply(session);
      if (session.user) await onSignedIn();
    } catch (err) {
      reportError(ctx, err);
    }
  }

  /** Throws the call error, so the dialog can show it beside the fields. */
  async function signIn(name: string, password: string): Promise<void> {
    const session = await client.call('session.signIn', { name, password });
    apply(session);
    store.setState({ notice: null });
    await onSignedIn();
  }

  async function signOut(): Promise<void> {
    try {
      apply(await client.call('session.signOut', {}));
    } catch (err) {
      reportError(ctx, err);
    }
  }

  /** Left alone: the core locks the session; the desk stays mounted behind the lock screen. */
  async function lock(): Promise<void> {
    try {
      apply(await client.call('session.lock', {}));
    } catch (err) {
      reportError(ctx, err);
    }
  }

  /** Throws the call error, so the lock screen can show it beside the field. */
  async function unlock(password: string): Promise<void> {
    apply(await client.call('session.unlock', { password }));
  }

  return { loadSession, signIn, signOut, lock, unlock };
}
