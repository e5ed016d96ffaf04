import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SchemeBody, type Scheme } from '../../../shared/filing/scheme';
import businessTypes from '../../../resources/scheme/business-types.json';
import classes from '../../../resources/scheme/classes.json';
import fields from '../../../resources/scheme/fields.json';
import materialTypes from '../../../resources/scheme/materials.json';
import meta from '../../../resources/scheme/scheme.json';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { nowIso } from '../util/ids';

/** The shipped default scheme (resources/scheme/*.json), validated like any other. */
export function defaultSchemeBody(): SchemeBody {
  return parseScheme({ ...meta, classes, fields, materialTypes, businessTypes });
}

/** Validate a scheme from outside (a file, the admin screen); the error lists every problem. */
export function parseScheme(input: unknown): SchemeBody {
  const parsed = SchemeBody.safeParse(input);
  if (!parsed.success) {
    throw new DeskError('bad_request', `分类方案无效 / invalid scheme:\n${z.prettifyError(parsed.error)}`, parsed.error.issues);
  }
  return parsed.data;
}

const SYSTEM = 'system';
/** The actor of versions taken from the central archive's reference data. */
export const CENTRAL_ACTOR = 'central';

/** Where a version came from: shipped with the program, edited at the station, or published by the centre. */
export type SchemeOrigin = 'shipped' | 'station' | 'central';
export const originOf = (actor: string): SchemeOrigin => (actor === SYSTEM ? 'shipped' : actor === CENTRAL_ACTOR ? 'central' : 'station');

const digest = (body: SchemeBody): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

export interface SchemeVersionInfo {
  readonly version: number;
  readonly sha256: string;
  readonly source: SchemeOrigin;
  readonly actor: string;
  readonly reason: string;
  readonly createdAt: string;
}

/**
 * The store's scheme versions. Version 1 is the shipped default, written on first use; every
 * edit is a new version, and items keep the version they were keyed under. Versions never
 * change, so parsed bodies are cached per instance.
 */
export class SchemeSource {
  private readonly parsed = new Map<number, SchemeBody>();
  private defaultChecked = false;

  constructor(private readonly db: Db) {}

  current(): Scheme {
    const latest = this.db.prepare('SELECT max(version) FROM scheme_versions').pluck().get() as number | null;
    if (latest === null || !this.defaultChecked) return this.seed();
    return this.at(latest);
  }

  at(version: number): Scheme {
    let body = this.parsed.get(version);
    if (!body) {
      const text = this.db.prepare('SELECT body FROM scheme_versions WHERE version = ?').pluck().get(version) as string | undefined;
      if (text === undefined) throw new DeskError('not_found', `no scheme version ${version}`);
      body = SchemeBody.parse(JSON.parse(text));
      this.parsed.set(version, body);
    }
    return { version, body };
  }

  versions(): SchemeVersionInfo[] {
    this.current();
    const rows = this.db.prepare('SELECT version, sha256, actor, reason, created_at FROM scheme_versions ORDER BY version').all() as Array<{
      version: number; sha256: string; actor: string; reason: string; created_at: string;
    }>;
    return rows.map((r) => ({ version: r.version, sha256: r.sha256, source: originOf(r.actor), actor: r.actor, reason: r.reason, createdAt: r.created_at }));
  }

  /**
   * Store an edited scheme as the next version; an unchanged scheme adds no version. `record`
   * goes into the audit event with it (e.g. the central reference-data revision it came from).
   */
  save(actor: string, input: unknown, reason: string, record: Readonly<Record<string, unknown>> = {}): Scheme {
    const body = parseScheme(input);
    if (reason.trim() === '') throw new DeskError('bad_request', '请说明修改原因 / give a reason for the change');
    return this.db.transaction((): Scheme => {
      const current = this.current();
      if (digest(current.body) === digest(body)) return current;
      return this.insert(current.version + 1, body, actor, reason.trim(), record);
    }).immediate();
  }

  /**
   * Write the shipped default when the store has no scheme, or as a new version when a program
   * update ships a changed default and nobody has edited the scheme here (an administrator's
   * edits always win; they can import the new default themselves).
   */
  private seed(): Scheme {
    this.defaultChecked = true;
    return this.db.transaction((): Scheme => {
      const latest = this.db.prepare('SELECT version, actor, sha256 FROM scheme_versions ORDER BY version DESC LIMIT 1').get() as
        | { version: number; actor: string; sha256: string }
        | undefined;
      const shipped = defaultSchemeBody();
      if (!latest) return this.insert(1, shipped, SYSTEM, '默认分类方案 / shipped default scheme');
      const edited = this.db.prepare('SELECT 1 FROM scheme_versions WHERE actor != ?').get(SYSTEM) !== undefined;
      if (edited || latest.sha256 === digest(shipped)) return this.at(latest.version);
      return this.insert(latest.version + 1, shipped, SYSTEM, '程序更新的默认分类方案 / shipped default updated');
    }).immediate();
  }

  private insert(version: number, body: SchemeBody, actor: string, reason: string, record: Readonly<Record<string, unknown>> = {}): Scheme {
    const sha256 = digest(body);
    this.db
      .prepare('INSERT INTO scheme_versions (version, body, sha256, actor, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(version, JSON.stringify(body), sha256, actor, reason, nowIso());
    appendEvent(this.db, { actor, kind: 'scheme.saved', subject: `scheme:${version}`, data: { ...record, version, sha256, reason, source: originOf(actor) } });
    this.parsed.set(version, body);
    return { version, body };
  }
}
