import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Db } from '../store/open-database';
import { nowIso } from '../util/ids';
import { httpExceptions, insecureEndpointProblem } from './endpoint-policy';

/** Where batches go: any S3-speaking object store, or a folder (USB disk, network share). */
export type TargetSpec =
  | {
      readonly kind: 's3';
      readonly bucket: string;
      /** '' or ending in '/'. */
      readonly prefix: string;
      /** Null for AWS itself; MinIO, Ceph and the like need their URL. */
      readonly endpoint: string | null;
      readonly region: string | null;
      readonly pathStyle: boolean;
    }
  | { readonly kind: 'folder'; readonly root: string };

export interface TargetOptions {
  readonly endpoint?: string | null;
  readonly region?: string | null;
  readonly pathStyle?: boolean;
}

export class TargetError extends Error {
  override name = 'TargetError';
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** `s3://BUCKET/PREFIX` or `file:///PATH`; anything else is refused with the reason. */
export function parseTargetUri(uri: string, options: TargetOptions = {}): TargetSpec {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new TargetError(`不是有效的目标地址 / not a target URI: ${uri} (use s3://BUCKET/PREFIX or file:///PATH)`);
  }
  if (url.protocol === 'file:') {
    if (url.host !== '' && url.host !== 'localhost') throw new TargetError(`file URI with a host is not supported: ${uri}`);
    return { kind: 'folder', root: path.resolve(fileURLToPath(url)) };
  }
  if (url.protocol !== 's3:') throw new TargetError(`不支持的目标 / unsupported target ${url.protocol} (use s3:// or file://)`);
  const bucket = url.hostname;
  if (!BUCKET.test(bucket)) throw new TargetError(`存储桶名称无效 / invalid bucket name: ${bucket}`);
  // The URL parser folds `a/../b` silently; a prefix is taken as written or refused.
  const written = decodeURIComponent(uri.slice(uri.indexOf(bucket) + bucket.length).split(/[?#]/)[0] ?? '');
  if (written.split('/').some((p) => p === '.' || p === '..')) throw new TargetError(`prefix may not contain . or .. segments: ${uri}`);
  const parts = decodeURIComponent(url.pathname).split('/').filter((p) => p !== '');
  let endpoint = options.endpoint ?? null;
  if (endpoint !== null) {
    try {
      const e = new URL(endpoint);
      if (e.protocol !== 'http:' && e.protocol !== 'https:') throw new Error();
      endpoint = e.origin + (e.pathname === '/' ? '' : e.pathname.replace(/\/$/, ''));
    } catch {
      throw new TargetError(`--endpoint 需要 http(s) 地址 / --endpoint must be an http(s) URL: ${options.endpoint}`);
    }
  }
  return {
    kind: 's3',
    bucket,
    prefix: parts.length === 0 ? '' : `${parts.join('/')}/`,
    endpoint,
    region: options.region ?? null,
    // Path-style addressing works with every S3-compatible server; virtual-host needs DNS set up.
    pathStyle: options.pathStyle ?? endpoint !== null,
  };
}

export function targetUri(spec: TargetSpec): string {
  return spec.kind === 'folder' ? pathToFileURL(spec.root).href : `s3://${spec.bucket}/${spec.prefix}`;
}

/** Identity of a target in the upload ledger: the same bucket behind another endpoint is another target. */
export function targetId(spec: TargetSpec): string {
  return spec.kind === 's3' && spec.endpoint !== null ? `${targetUri(spec)}@${spec.endpoint}` : targetUri(spec);
}

export const describeTarget = (spec: TargetSpec): string =>
  spec.kind === 's3' && spec.endpoint !== null ? `${targetUri(spec)} (${spec.endpoint})` : targetUri(spec);

const DEFAULT_KEY = 'sync.target';

export function saveTarget(db: Db, name: string, uri: string, options: TargetOptions, makeDefault: boolean): TargetSpec {
  if (!/^[\p{L}\p{N}_.-]{1,60}$/u.test(name)) throw new TargetError(`目标名称无效 / invalid target name: ${name}`);
  const spec = parseTargetUri(uri, options);
  const insecure = insecureEndpointProblem(spec, httpExceptions(db));
  if (insecure !== null) throw new TargetError(insecure);
  const at = nowIso();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO sync_targets (name, uri, endpoint, region, path_style, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET uri = excluded.uri, endpoint = excluded.endpoint, region = excluded.region,
         path_style = excluded.path_style, updated_at = excluded.updated_at`,
    ).run(name, targetUri(spec), spec.kind === 's3' ? spec.endpoint : null, spec.kind === 's3' ? spec.region : null, spec.kind === 's3' && !spec.pathStyle ? 0 : 1, at, at);
    if (makeDefault) {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(DEFAULT_KEY, name);
    }
  })();
  return spec;
}

export function savedTarget(db: Db, name: string): TargetSpec | undefined {
  const r = db.prepare('SELECT uri, endpoint, region, path_style FROM sync_targets WHERE name = ?').get(name) as
    | { uri: string; endpoint: string | null; region: string | null; path_style: number }
    | undefined;
  return r && parseTargetUri(r.uri, { endpoint: r.endpoint, region: r.region, pathStyle: r.path_style === 1 });
}

/** The station's default target (name and spec), or null when none is configured. */
export function defaultTarget(db: Db): { name: string; spec: TargetSpec } | null {
  const name = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(DEFAULT_KEY) as string | undefined;
  const spec = name === undefined ? undefined : savedTarget(db, name);
  return name !== undefined && spec ? { name, spec } : null;
}

/** `--target NAME|URI`: a saved name first, else a URI. */
export function resolveTarget(db: Db, nameOrUri: string, options: TargetOptions): TargetSpec {
  return savedTarget(db, nameOrUri) ?? parseTargetUri(nameOrUri, options);
}
