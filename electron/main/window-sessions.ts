import { SessionState, type ApiResult } from '../../shared/contract';

/**
 * Which windows have someone signed in and not locked, as the core last answered their session
 * calls. The main process cannot ask the core on every image request (the protocol handler is
 * not told which window asks), so it follows the answers that pass through it anyway: every
 * `session.*` call answers with the session's state, and a `locked` refusal means locked.
 */
export class WindowSessions {
  private readonly working = new Set<string>();

  observe(session: string, method: string, result: ApiResult<unknown>): void {
    if (!result.ok) {
      if (result.error.code === 'locked' || result.error.code === 'unauthenticated') this.working.delete(session);
      return;
    }
    if (!method.startsWith('session.')) return;
    const state = SessionState.safeParse(result.value);
    if (!state.success) return;
    if (state.data.user !== null && !state.data.locked) this.working.add(session);
    else this.working.delete(session);
  }

  /** A closed window's session ends with it; a restarted core forgot every session. */
  forget(session?: string): void {
    if (session === undefined) this.working.clear();
    else this.working.delete(session);
  }

  /**
   * Whether any window may see stored page images. The app has one window (a second launch
   * focuses it; macOS re-creates it only when none is left), so this is that window's state.
   */
  anyWorking(): boolean {
    return this.working.size > 0;
  }
}
