import { QC_REASONS, type QcReason } from '../../../../shared/filing/review';
import { compareItemKeyings, resolveKeyings, submitKeying } from '../../backfile/double-entry';
import { createSample, decideSample, getSample, judgePage, listRescans, replaceRescanned } from '../../backfile/qc-store';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { fieldOptions, stringOption, withFiling } from '../filing-cli';
import { requireCliPermission } from '../acting-user';
import { resolveBatch } from './list';

const ENTRY_USAGE = 'entry key ITEM --pass 1|2 --field KEY=VALUE… | entry diff ITEM | entry resolve ITEM --field KEY=VALUE…';

/** Double-entry verification (双录): `--actor` names the keyer when several share a login. */
export const entryCommand: Command = {
  name: 'entry',
  usage: ENTRY_USAGE,
  summary: '双录核对：两人背靠背录入，比对差异后定稿 / double-entry verification',
  options: { pass: { type: 'string' }, field: { type: 'string', multiple: true }, actor: { type: 'string' } },
  async run(input) {
    const [action, item] = input.positionals;
    if (!item) throw new UsageError(`entry: ${ENTRY_USAGE}`);
    const actor = stringOption(input.values, 'actor');
    const opened = { ...input, open: () => input.open({ workers: 1, ...(actor ? { actor } : {}) }) };
    return withFiling(opened, (ctx, filing) => {
      switch (action) {
        case 'key': {
          const pass = Number(stringOption(input.values, 'pass'));
          if (pass !== 1 && pass !== 2) throw new UsageError('entry key: --pass 1|2');
          const r = submitKeying(ctx.db, ctx.actor, filing.scheme(), { itemId: item, pass, fields: fieldOptions(input.values) });
          input.io.result(r, () => (r.waitingFor ? `已录入第 ${pass} 遍，等待第 ${r.waitingFor} 遍` : '两遍均已录入，可比对 / both passes in'));
          return 0;
        }
        case 'diff': {
          const r = compareItemKeyings(ctx.db, item);
          input.io.result(r, () =>
            r.state === 'waiting' ? `等待录入 waiting (已录 keyed: ${r.keyed.join(', ') || '无'})` : r.differences.map((d) => `  ${d.field}: ${d.first ?? '（空）'} ≠ ${d.second ?? '（空）'}`).join('\n') || '两遍一致 / the passes agree',
          );
          return 0;
        }
        case 'resolve': {
          const r = resolveKeyings(ctx.db, ctx.actor, filing.scheme(), item, fieldOptions(input.values));
          input.io.result(r, () => `已定稿：第 ${r.version} 版 / resolved as version ${r.version}`);
          return 0;
        }
        default:
          throw new UsageError(`entry: ${ENTRY_USAGE}`);
      }
    });
  },
};

const QC_USAGE = 'qc sample BATCH [--rate 0.05] [--pass-rate 0.95] [--seed N] | qc show SAMPLE | qc verdict SAMPLE PAGE pass|fail [--reason R] [--note T] | qc decide SAMPLE | qc rescans BATCH | qc replace OLD_PAGE NEW_PAGE';

export const qcCommand: Command = {
  name: 'qc',
  usage: QC_USAGE,
  summary: '质检抽检：按比例抽样、逐页判定、批次合格/退回、重扫 / QC sampling, verdicts, acceptance, rescans',
  options: { rate: { type: 'string' }, 'pass-rate': { type: 'string' }, seed: { type: 'string' }, reason: { type: 'string' }, note: { type: 'string' } },
  async run(input) {
    const [action, a, b, c] = input.positionals;
    const { values, io } = input;
    if (!a) throw new UsageError(`qc: ${QC_USAGE}`);
    return withFiling(input, (ctx) => {
      const num = (name: string) => (stringOption(values, name) === undefined ? undefined : Number(stringOption(values, name)));
      switch (action) {
        case 'sample':
        case 'show':
        case 'verdict':
        case 'decide': {
          if (action !== 'show') requireCliPermission(ctx, 'qc.decide');
          let sample;
          if (action === 'sample') sample = createSample(ctx.db, ctx.actor, { batchId: resolveBatch(ctx, a), rate: num('rate') ?? 0.05, ...(num('pass-rate') ? { requiredPassRate: num('pass-rate')! } : {}), ...(num('seed') ? { seed: num('seed')! } : {}) });
          else if (action === 'show') sample = getSample(ctx.db, a);
          else if (action === 'decide') sample = decideSample(ctx.db, ctx.actor, a, stringOption(values, 'note'));
          else {
            const reason = stringOption(values, 'reason');
            if (!b || (c !== 'pass' && c !== 'fail')) throw new UsageError('qc verdict SAMPLE PAGE pass|fail [--reason R]');
            if (reason !== undefined && !(QC_REASONS as readonly string[]).includes(reason)) throw new UsageError(`qc: --reason ${QC_REASONS.join('|')}`);
            sample = judgePage(ctx.db, ctx.actor, { sampleId: a, pageId: b, verdict: c, ...(reason ? { reason: reason as QcReason } : {}), ...(values.note ? { note: String(values.note) } : {}) });
          }
          io.result(sample, () => `${sample.id} ${sample.state}  抽检 ${sample.pages.length} 页，已判 ${sample.result.judged}，合格 ${sample.result.passed}，不合格 ${sample.result.failed}`);
          return 0;
        }
        case 'rescans': {
          const list = listRescans(ctx.db, resolveBatch(ctx, a));
          io.result(list, () => list.map((r) => `${r.page}  ${r.state}  ${r.reason}  ${r.note}`).join('\n') || '无 none');
          return 0;
        }
        case 'replace':
          if (!b) throw new UsageError('qc replace OLD_PAGE NEW_PAGE');
          replaceRescanned(ctx.db, ctx.actor, a, b);
          io.result({ replaced: a, by: b }, () => `${a} → ${b}`);
          return 0;
        default:
          throw new UsageError(`qc: ${QC_USAGE}`);
      }
    });
  },
};
