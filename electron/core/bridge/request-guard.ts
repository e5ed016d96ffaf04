import { timingSafeEqual } from 'node:crypto';

/**
 * The loopback bridge serves files full of personal data, so every request must prove it comes
 * from the page we served: the Host must be our loopback address (no DNS rebinding), a browser's
 * Origin must be ours (no cross-site requests), and the per-start token must be present.
 */
export interface GuardConfig {
  readonly port: number;
  readonly token: string;
}

export const cookieName = (port: number): string => `hpf_desk_${port}`;

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** Requests without an Origin (non-browser clients, same-origin GETs) pass; a foreign one never. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether the request authenticates with `Authorization: Bearer` (scripts, the command line)
 * rather than the cookie a browser sends to every port of the host.
 */
export const viaBearer = (headers: { authorization?: string }): boolean => headers.authorization?.startsWith('Bearer ') === true;

/** The token from `Authorization: Bearer …` or from our cookie. */
export function presentedToken(headers: { authorization?: string; cookie?: string }, port: number): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return parseCookies(headers.cookie).get(cookieName(port));
}

export type GuardVerdict = { ok: true } | { ok: false; status: 403 | 401 | 421; reason: string };

export function checkRequest(
  headers: { host?: string; origin?: string; authorization?: string; cookie?: string },
  config: GuardConfig,
): GuardVerdict {
  if (!isAllowedHost(headers.host, config.port)) return { ok: false, status: 421, reason: 'wrong host' };
  if (!isAllowedOrigin(headers.origin, config.port)) return { ok: false, status: 403, reason: 'foreign origin' };
  if (!tokenMatches(presentedToken(headers, config.port), config.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}
