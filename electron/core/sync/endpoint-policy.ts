import { isIP } from 'node:net';
import { appendEvent } from '../audit/event-log';
import type { Db } from '../store/open-database';

/**
 * Plain http:// carries the station's keys' signatures and every bag in the clear, and lets
 * anyone on the path answer for the centre. It is refused unless the host is this machine (the
 * tests, a local MinIO) or an administrator wrote the host down as an exception, which is audited.
 */
const EXCEPTIONS_KEY = 'sync.httpExceptions';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Hosts an administrator allowed over plain http. */
export function httpExceptions(db: Db): string[] {
  const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(EXCEPTIONS_KEY) as string | undefined;
  return text ? (JSON.parse(text) as string[]) : [];
}

/** Allow (or withdraw) plain http for one host; the reason goes into the audit log. */
export function setHttpException(db: Db, actor: string, host: string, allow: boolean, reason: string): string[] {
  const bare = host.trim().toLowerCase();
  if (!/^[a-z0-9.:[\]-]{1,255}$/.test(bare)) throw new Error(`not a host name: ${host}`);
  return db.transaction(() => {
    const current = httpExceptions(db).filter((h) => h !== bare);
    const next = allow ? [...current, bare].sort() : current;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(EXCEPTIONS_KEY, JSON.stringify(next));
    appendEvent(db, { actor, kind: allow ? 'sync.http_allowed' : 'sync.http_withdrawn', subject: bare, data: { host: bare, reason } });
    return next;
  })();
}

/**
 * What the policy reads of a target: only an S3 target names an endpoint. Structural, so the
 * target parser (which asks this policy) and the policy do not import each other.
 */
type EndpointOf = { readonly kind: string; readonly endpoint?: string | null };

/** Why this target may not be used as it stands, or null. */
export function insecureEndpointProblem(spec: EndpointOf, exceptions: readonly string[]): string | null {
  if (spec.kind !== 's3' || !spec.endpoint) return null;
  const url = new URL(spec.endpoint);
  if (url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host) || exceptions.includes(host)) return null;
  return `拒绝未加密的 http 地址 ${spec.endpoint}：请用 https，或由管理员登记例外（hpf-desk sync --allow-http ${host}）/ plain http to ${host} is refused: use https, or an administrator records an exception (hpf-desk sync --allow-http ${host})`;
}
