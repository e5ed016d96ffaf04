import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeskSession } from '../auth/access';
import { parseCookies } from './request-guard';

/** Sessions idle this long are forgotten (signed out); a counter shift is shorter. */
const IDLE_MS = 12 * 60 * 60_000;

export const sessionCookieName = (port: number): string => `hpf_desk_session_${port}`;

/**
 * The bridge's connections: one session per browser, named by an HttpOnly cookie, so who signed
 * in on that browser is who acts in its calls. A request without a known cookie works in a
 * fresh, signed-out session that is kept (and its cookie set) only once someone signs in on it,
 * so clients that never sign in leave nothing behind.
 */
export class BridgeSessions {
  private readonly sessions = new Map<string, { session: DeskSession; seen: number }>();

  constructor(private readonly newSession: () => DeskSession) {}

  /** The request's session, or a fresh signed-out one (see `keepIfSignedIn`). */
  of(req: IncomingMessage, port: number): DeskSession {
    const entry = this.find(req, port);
    if (!entry) return this.newSession();
    entry.seen = Date.now();
    return entry.session;
  }

  /** After a call: a fresh session someone has just signed in on is kept, and the browser told its name. */
  keepIfSignedIn(req: IncomingMessage, res: ServerResponse, port: number, session: DeskSession): void {
    if (session.userId === null || this.find(req, port)?.session === session) return;
    this.remember(res, port, session);
  }

  /** The entry link starts a new browser session, already signed in when `serve --user` said so. */
  open(res: ServerResponse, port: number, userId: string | null): void {
    this.remember(res, port, { ...this.newSession(), userId });
  }

  /** Whether the request's browser has a signed-in session (for page images, which bypass the dispatcher). */
  signedIn(req: IncomingMessage, port: number): boolean {
    return (this.find(req, port)?.session.userId ?? null) !== null;
  }

  private remember(res: ServerResponse, port: number, session: DeskSession): void {
    const now = Date.now();
    for (const [id, entry] of this.sessions) if (now - entry.seen >= IDLE_MS) this.sessions.delete(id);
    const id = randomBytes(32).toString('hex');
    this.sessions.set(id, { session, seen: now });
    res.appendHeader('set-cookie', `${sessionCookieName(port)}=${id}; HttpOnly; SameSite=Strict; Path=/`);
  }

  private find(req: IncomingMessage, port: number) {
    const id = parseCookies(req.headers.cookie).get(sessionCookieName(port));
    const entry = id === undefined ? undefined : this.sessions.get(id);
    return entry && Date.now() - entry.seen < IDLE_MS ? entry : undefined;
  }
}
