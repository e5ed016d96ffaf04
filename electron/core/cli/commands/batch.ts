import type { CheckResult } from '../../../../shared/contract';
import { DeskError } from '../../errors';
import { closeBatch } from '../../transfer/close-batch';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { resolveBatch } from './list';

const ASPECT: Readonly<Record<CheckResult['aspect'], string>> = {
  authenticity: '真实性 authenticity',
  integrity: '完整性 integrity',
  usability: '可用性 usability',
  security: '安全性 security',
};

/** One line per check, failures with their first subjects. */
export function describeChecks(checks: readonly CheckResult[]): string {
  return checks
    .flatMap((c) => [
      `  ${c.ok ? '✓' : '✗'} [${ASPECT[c.aspect]}] ${c.message}`,
      ...(c.ok ? [] : c.subjects.map((s) => `      - ${s}`)),
    ])
    .join('\n');
}

export const batchCommand: Command = {
  name: 'batch',
  usage: 'batch close ID|NAME [--loose-reason TEXT]',
  summary: '关闭批次：四性检测后加入移交队列 / close a batch: run 四性检测 and queue it for transfer',
  // Backfile only: transfer pages that belong to no item as they are, for this recorded reason.
  options: { 'loose-reason': { type: 'string' } },
  async run({ open, io, positionals, values }) {
    const [action, id] = positionals;
    if (action !== 'close' || !id) throw new UsageError('batch: 用法 / usage: batch close ID|NAME');
    const ctx = await open({ workers: 1 });
    try {
      const batchId = resolveBatch(ctx, id);
      let result;
      try {
        const looseReason = typeof values['loose-reason'] === 'string' ? values['loose-reason'] : undefined;
        result = await closeBatch(ctx, batchId, looseReason ? { looseReason } : {});
      } catch (err) {
        if (err instanceof DeskError) throw new UsageError(err.message);
        throw err;
      }
      const { report, state } = result;
      io.result({ batch: batchId, state, ok: report.ok, checks: report.checks }, () =>
        [
          report.ok
            ? `四性检测通过，批次已关闭并加入移交队列 / 四性检测 passed: batch closed and queued (${state})`
            : `四性检测未通过，批次保持打开 / 四性检测 failed: the batch stays open (${state})`,
          describeChecks(report.checks),
        ].join('\n'),
      );
      return report.ok ? 0 : 1;
    } finally {
      await ctx.close();
    }
  },
};
