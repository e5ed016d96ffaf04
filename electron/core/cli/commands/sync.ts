import type { SyncStatus } from '../../../../shared/contract';
import type { CoreContext } from '../../open-core';
import { openTarget } from '../../sync/open-target';
import { carrierSeal } from '../../sync/carrier-seal';
import { httpExceptions, setHttpException } from '../../sync/endpoint-policy';
import type { SyncTarget } from '../../sync/sync-target';
import { syncOnce, type SyncReport } from '../../sync/sync-engine';
import { SyncService } from '../../sync/sync-service';
import { parseBandwidth, readSyncSettings, writeSyncSettings } from '../../sync/sync-settings';
import { environmentCredentials } from '../../sync/credentials';
import { defaultTarget, describeTarget, resolveTarget, savedTarget, saveTarget, TargetError, type TargetSpec } from '../../sync/target-spec';
import { setPaused } from '../../transfer/transfer-store';
import { UsageError, type CliIo } from '../cli-io';
import { valueOptions, type Command } from '../command';
import { requireCliPermission } from '../acting-user';
import { resolveBatch } from './list';

const positiveInt = (value: unknown, name: string, min = 1): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
  return n;
};

/** Apply the policy options (saved for the app too); true when any was given. */
function applySettings(ctx: CoreContext, values: Record<string, unknown>): void {
  if (values.bandwidth !== undefined) {
    const bandwidth = parseBandwidth(String(values.bandwidth));
    if (bandwidth === null) throw new UsageError(`--bandwidth: 例如 / e.g. 2M, 500K, 0 (got ${String(values.bandwidth)})`);
    writeSyncSettings(ctx.db, { bandwidth });
  }
  if (values.verify !== undefined) {
    if (values.verify !== 'checksum' && values.verify !== 'content') throw new UsageError('--verify checksum|content');
    writeSyncSettings(ctx.db, { verify: values.verify });
  }
  if (values['retain-days'] !== undefined) {
    const v = String(values['retain-days']);
    writeSyncSettings(ctx.db, { retainDays: v === 'never' ? null : positiveInt(v, 'retain-days', 0)! });
  }
  if (values.pause || values.resume) {
    const paused = values.pause === true;
    if (values.batch !== undefined) setPaused(ctx.db, ctx.actor, resolveBatch(ctx, String(values.batch)), paused);
    else writeSyncSettings(ctx.db, { paused });
  }
}

/** The target and its name (a saved target's keys are found by name; a bare URI has none). */
function chooseTarget(ctx: CoreContext, values: Record<string, unknown>): { name: string | null; spec: TargetSpec } {
  const options = {
    endpoint: (values.endpoint as string | undefined) ?? null,
    region: (values.region as string | undefined) ?? null,
    ...(values['path-style'] === undefined ? {} : { pathStyle: values['path-style'] === true }),
  };
  try {
    if (values.target === undefined) {
      const saved = defaultTarget(ctx.db);
      if (!saved) throw new UsageError('sync: 还没有配置目标，请用 --target 给出 / no target configured: give --target s3://BUCKET/PREFIX or file:///PATH');
      return saved;
    }
    const given = String(values.target);
    if (values.save !== undefined) return { name: String(values.save), spec: saveTarget(ctx.db, String(values.save), given, options, true) };
    return { name: savedTarget(ctx.db, given) ? given : null, spec: resolveTarget(ctx.db, given, options) };
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(err.message);
    throw err;
  }
}

function describeReport(r: SyncReport): string {
  return [
    `目标 target: ${r.target}`,
    ...(r.busy ? ['另一个进程正在同步 / another process is syncing this store'] : []),
    `已发送 sent: ${r.sent.length}  已确认 acknowledged: ${r.acknowledged.length}  已清理 purged: ${r.purged.length}  待处理 pending: ${r.pending}`,
    ...(r.reference.length ? [`参考数据已更新 reference data updated: ${r.reference.join(', ')}`] : []),
    ...r.errors.map((e) => `  ✗ ${e.batchId ?? '-'} [${e.kind} ${e.code}] ${e.message}`),
  ].join('\n');
}

function describeStatus(s: SyncStatus): string {
  return [
    `目标 target: ${s.target ? `${s.target.name} ${s.target.uri}` : '（未配置 none）'}${s.paused ? '  已暂停 PAUSED' : ''}`,
    ...s.transfers.map((t) => `  ${t.batchName} (${t.batchId})  ${t.state}${t.paused ? ' paused' : ''}  ${t.filesDone}/${t.filesTotal}${t.error ? `  [${t.error.code}] ${t.error.message}` : ''}`),
  ].join('\n');
}

function followProgress(ctx: CoreContext, io: CliIo): void {
  ctx.subscribe((e) => {
    if (e.type === 'sync.progress') io.progress(e.filesDone, e.filesTotal, `${e.batchId} ${e.state}`);
  });
}

export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync [--target NAME|URI] [--endpoint URL] [--credentials FILE] [--once] [--save NAME] [--bandwidth 2M] [--verify checksum|content] [--status] [--allow-http HOST --reason TEXT] [--withdraw-http HOST]',
  summary: '把队列中的批次发送到中心，读取确认与参考数据 / send queued batches to the centre, read acknowledgements and reference data',
  options: {
    ...valueOptions('target', 'endpoint', 'region', 'save', 'bandwidth', 'retain-days', 'concurrency', 'part-size-mb', 'timeout', 'verify', 'batch', 'allow-http', 'withdraw-http', 'reason'),
    'path-style': { type: 'boolean' },
    credentials: { type: 'string' },
    once: { type: 'boolean', default: false },
    status: { type: 'boolean', default: false },
    pause: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
  },
  async run({ open, io, values }) {
    if (values.save !== undefined && values.target === undefined) throw new UsageError('--save NAME needs --target URI');
    if (values.pause && values.resume) throw new UsageError('--pause or --resume, not both');
    const credentials = environmentCredentials(values.credentials === undefined ? {} : { file: String(values.credentials) });
    const ctx = await open({ workers: 1, credentials });
    try {
      // Where the station's data goes, and how, is the administrator's to set.
      if (['target', 'save', 'bandwidth', 'verify', 'retain-days', 'allow-http', 'withdraw-http'].some((k) => values[k] !== undefined)) requireCliPermission(ctx, 'sync.configure');
      if (values['allow-http'] !== undefined || values['withdraw-http'] !== undefined) {
        const allow = values['allow-http'] !== undefined;
        const reason = values.reason === undefined ? '' : String(values.reason).trim();
        // An exception to encryption is a decision someone answers for: it needs a reason on record.
        if (allow && reason === '') throw new UsageError('--allow-http HOST 需要 --reason 说明原因 / --allow-http HOST needs --reason TEXT');
        const hosts = setHttpException(ctx.db, ctx.actor, String(values['allow-http'] ?? values['withdraw-http']), allow, reason);
        io.result({ httpExceptions: hosts }, () => `允许 http 的主机 / hosts allowed over http: ${hosts.join(', ') || '（无 none）'}`);
        return 0;
      }
      applySettings(ctx, values);
      if (values.status || values.pause || values.resume) {
        const status = ctx.sync.status();
        io.result(status, () => describeStatus(status));
        return 0;
      }
      const chosen = chooseTarget(ctx, values);
      const spec = chosen.spec;
      const concurrency = positiveInt(values.concurrency, 'concurrency');
      const partSizeMb = positiveInt(values['part-size-mb'], 'part-size-mb', 5);
      const timeout = positiveInt(values.timeout, 'timeout');
      const s3 = {
        verify: readSyncSettings(ctx.db).verify,
        credentials: () => credentials.get(chosen.name),
        ...(partSizeMb === undefined ? {} : { partSize: partSizeMb * 1024 * 1024 }),
        ...(timeout === undefined ? {} : { timeouts: { connectMs: timeout * 1000, idleMs: timeout * 1000 } }),
      };
      followProgress(ctx, io);
      if (values.once) {
        let target: SyncTarget;
        try {
          target = openTarget(spec, s3, httpExceptions(ctx.db), carrierSeal(ctx.db, ctx.blobs));
        } catch (err) {
          if (err instanceof TargetError) throw new UsageError(err.message);
          throw err;
        }
        try {
          const report = await syncOnce(ctx, { target, force: true, ...(concurrency === undefined ? {} : { concurrency }) });
          io.result(report, () => describeReport(report));
          if (report.busy) return 1;
          if (report.errors.length === 0) return 0;
          return report.sent.length + report.acknowledged.length + report.reference.length > 0 ? 2 : 1;
        } finally {
          target.close();
        }
      }
      // Continuous: pass after pass until Ctrl+C; retries wait out their backoff.
      io.note(`同步到 / syncing to ${describeTarget(spec)} — 按 Ctrl+C 停止 / Ctrl+C to stop`);
      const totals = { sent: new Set<string>(), acknowledged: new Set<string>(), errors: [] as SyncReport['errors'] };
      const service = new SyncService(ctx, {
        target: chosen,
        s3,
        concurrency,
        onReport: (r) => {
          r.sent.forEach((b) => totals.sent.add(b));
          r.acknowledged.forEach((b) => totals.acknowledged.add(b));
          totals.errors = r.errors;
          io.note(describeReport(r));
        },
      });
      service.start();
      // The service's timers do not hold the process open (the app must be able to quit); this does.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      clearInterval(keepAlive);
      await service.stop();
      const status = service.status();
      const result = { sent: [...totals.sent], acknowledged: [...totals.acknowledged], pending: status.transfers.filter((t) => !['acknowledged', 'purged', 'failed'].includes(t.state)).length, errors: totals.errors };
      io.result(result, () => `已发送 sent: ${result.sent.length}  已确认 acknowledged: ${result.acknowledged.length}  待处理 pending: ${result.pending}`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
