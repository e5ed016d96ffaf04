import path from 'node:path';
import { Readable } from 'node:stream';
import { appendEvent } from '../../audit/event-log';
import { writeDurably } from '../../files/durable-copy';
import { requireCliPermission } from '../acting-user';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { valueOptions } from '../command';
import { stringOption, withFiling } from '../filing-cli';

interface AuditLine { id: number; at: string; actor: string; kind: string; subject: string; data: string; prev_hash: string; hash: string }

/**
 * The audit log's content, for the security auditor (audit.read) alone: read on screen or
 * exported as JSON lines with their chain links (the bag's audit-log format). Reading it is
 * itself logged, so the auditor's own look is on the record.
 */
export const auditCommand: Command = {
  name: 'audit',
  usage: 'audit [--since YYYY-MM-DD] [--kind PREFIX] [--limit N] [--out FILE]',
  summary: '查阅或导出审计日志（安全审计员）/ read or export the audit log (security auditor)',
  options: valueOptions('since', 'kind', 'limit', 'out'),
  async run(input) {
    const since = stringOption(input.values, 'since') ?? '0000-01-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new UsageError(`audit: --since 应为日期 YYYY-MM-DD / not a date: ${since}`);
    const limit = Number(stringOption(input.values, 'limit') ?? '1000');
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('audit: --limit 应为正整数 / a positive whole number');
    const kind = stringOption(input.values, 'kind') ?? '';
    const out = stringOption(input.values, 'out');
    return withFiling(input, async (ctx) => {
      requireCliPermission(ctx, 'audit.read');
      const rows = ctx.db
        .prepare("SELECT * FROM events WHERE at >= ? AND substr(kind, 1, length(?)) = ? ORDER BY id DESC LIMIT ?")
        .all(since, kind, kind, limit) as AuditLine[];
      const events = rows.reverse().map((e) => ({ id: e.id, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, data: e.data, prevHash: e.prev_hash, hash: e.hash }));
      const file = out === undefined ? null : path.resolve(out);
      if (file) await writeDurably(Readable.from([Buffer.from(events.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8')]), file);
      ctx.db.transaction(() => appendEvent(ctx.db, { actor: ctx.actor, kind: 'audit.read', subject: 'events', data: { since, kind, events: events.length, out: file } }))();
      input.io.result({ events, written: file }, () =>
        [...events.map((e) => `${e.at}  ${e.actor.padEnd(12)} ${e.kind.padEnd(22)} ${e.subject}  ${e.data}`), ...(file ? [`已写入 written: ${file}`] : [])].join('\n'),
      );
      return 0;
    });
  },
};
