import { verifyStore } from '../../verify/verify-store';
import type { Command } from '../command';

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify',
  summary: '完整性检查 / integrity check: database, every file hash, audit chain',
  options: {},
  async run({ open, io }) {
    const ctx = await open({ workers: 1 });
    try {
      const report = await verifyStore(ctx.db, ctx.blobs);
      io.result(report, () =>
        [
          report.ok ? '完整性检查通过 / verify: OK' : '完整性检查发现问题 / verify: PROBLEMS FOUND',
          `文件 files: ${report.checked.files}, 记录 rows: ${report.checked.rows}, 审计事件 events: ${report.checked.events}`,
          ...report.problems.map((p) => `  ✗ [${p.kind}] ${p.subject}: ${p.message}`),
        ].join('\n'),
      );
      return report.ok ? 0 : 1;
    } finally {
      await ctx.close();
    }
  },
};
