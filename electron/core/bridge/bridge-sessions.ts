import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeskSession } from '../auth/access';
import { parseCookies, tokenMatches } from './request-guard';

/** Sessions idle this long are forgotten (signed out); a counter shift is shorter. */
const IDLE_MS = 12 * 60 * 60_000;

export const sessionCookieName = (port: number): string => `hpf_desk_session_${port}`;

/**
 * One browser page's session. Browsers send localhost cookies to every port of the host, so any
 * other local listener the browser visits receives the cookies and could replay them; the page
 * therefore also proves itself with keys it was handed in the entry link's fragment (never sent
 * to a server, so no other listener sees them): `pageKey` as a header beside every call, upload
 * and the event socket, `blobKey` in image addresses (an <img> cannot send headers; a leaked
 * image address then opens images, not the API).
 */
export interface BridgeEntry {
  readonly session: DeskSession;
  readonly pageKey: string | null;
  readonly blobKey: string | null;
  seen: number;
}

const newKey = () => randomBytes(32).toString('base64url');

/**
 * The bridge's connections: one session per browser, named by an HttpOnly cookie, so who signed
 * in on that browser is who acts in its calls. A request without a known cookie works in a
 * fresh, signed-out session that is kept (and its cookie set) only once someone signs in on it,
 * so clients that never sign in leave nothing behind. The cookie's value changes whenever the
 * session's user does (sign-in, sign-out, another user), so a value seen before is worth nothing.
 */
export class BridgeSessions {
  private readonly entries = new Map<string, BridgeEntry>();

  constructor(private readonly newSession: () => DeskSession) {}

  /** The request's entry, if its cookie names a live one. */
  find(req: IncomingMessage, port: number): BridgeEntry | undefined {
    const id = this.idOf(req, port);
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (!entry || Date.now() - entry.seen >= IDLE_MS) return undefined;
    entry.seen = Date.now();
    return entry;
  }

  /**
   * After a call: a session whose user changed gets a new name (the old cookie dies with the old
   * user), and a fresh session someone has just signed in on is kept.
   */
  afterCall(req: IncomingMessage, res: ServerResponse, port: number, session: DeskSession, userBefore: string | null): void {
    const id = this.idOf(req, port);
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (entry?.session === session) {
      if (session.userId === userBefore) return;
      this.entries.delete(id!);
      this.remember(res, port, entry);
      return;
    }
    if (session.userId !== null) this.remember(res, port, { session, pageKey: null, blobKey: null, seen: Date.now() });
  }

  /**
   * The entry link starts a new browser page (signed in when `serve --user` said so) and hands
   * it its keys, which the caller puts in the fragment of the redirect.
   */
  open(res: ServerResponse, port: number, userId: string | null): { pageKey: string; blobKey: string } {
    const keys = { pageKey: newKey(), blobKey: newKey() };
    this.remember(res, port, { session: { ...this.newSession(), userId }, ...keys, seen: Date.now() });
    return keys;
  }

  private remember(res: ServerResponse, port: number, entry: BridgeEntry): void {
    const now = Date.now();
    for (const [id, old] of this.entries) if (now - old.seen >= IDLE_MS) this.entries.delete(id);
    const id = randomBytes(32).toString('hex');
    entry.seen = now;
    this.entries.set(id, entry);
    res.appendHeader('set-cookie', `${sessionCookieName(port)}=${id}; HttpOnly; SameSite=Strict; Path=/`);
  }

  private idOf(req: IncomingMessage, port: number): string | undefined {
    return parseCookies(req.headers.cookie).get(sessionCookieName(port));
  }
}

/** Whether a key the request presents is the one its page was given (a page entry without keys never matches). */
export const keyMatches = (presented: string | null | undefined, expected: string | null): boolean =>
  expected !== null && tokenMatches(presented ?? undefined, expected);
