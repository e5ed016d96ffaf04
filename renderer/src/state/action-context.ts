import type { DeskClient } from '../api/desk-client';
import { isDeskCallError } from '../api/call-error';
import type { Language } from '../i18n/translate';
import type { DeskStore } from './desk-store';

/** What every group of actions works with; built once per app instance. */
export interface ActionContext {
  readonly client: DeskClient;
  readonly store: DeskStore;
  readonly persistLanguage: (language: Language) => void;
}

/** Show a failed call in the notice bar; the clerk sees the translated code and the detail. */
export function reportError(ctx: Pick<ActionContext, 'store'>, err: unknown): void {
  // The core locked this session (idle, or another tab of it): show the lock screen, not an error.
  if (isDeskCallError(err) && err.code === 'locked') {
    ctx.store.setState((s) => (s.session ? { session: { ...s.session, locked: true } } : {}));
    return;
  }
  // Nobody (or no longer anybody) signed in: the sign-in dialog is the answer, not a banner that
  // greets a fresh window with "请先登录" before anyone has done anything.
  if (isDeskCallError(err) && err.code === 'unauthenticated') {
    ctx.store.setState((s) => ({ session: s.session ? { ...s.session, user: null, locked: false } : s.session, dialog: 'sign-in', notice: null }));
    return;
  }
  const notice = isDeskCallError(err)
    ? { code: err.code, message: err.message, details: err.details }
    : { code: 'internal' as const, message: err instanceof Error ? err.message : String(err) };
  // warn, not error: the clerk is told on screen; the console only helps whoever debugs.
  console.warn('hpf-desk:', err);
  ctx.store.setState({ notice });
}
