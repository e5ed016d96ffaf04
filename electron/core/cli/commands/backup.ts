import path from 'node:path';
import { backupStore, restoreStore } from '../../store/backup-store';
import { verifyStore } from '../../verify/verify-store';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup --out DIR',
  summary: '一致的备份（可在应用运行时）/ a consistent backup of the store, also while the app runs',
  options: { out: { type: 'string' } },
  async run({ open, io, values }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('backup: --out DIR is required');
    const ctx = await open({ workers: 1 });
    try {
      const result = await backupStore(ctx.db, ctx.blobs, path.resolve(values.out));
      io.result(result, () => `已备份到 backed up to ${result.out}: ${result.objects} 个对象 objects, ${result.bytes} 字节 bytes`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore --from DIR',
  summary: '从备份恢复到空的数据目录并检查 / restore a backup into an empty data directory, then verify',
  options: { from: { type: 'string' } },
  async run({ open, io, values, dataDir }) {
    if (typeof values.from !== 'string' || values.from === '') throw new UsageError('restore: --from DIR is required');
    const copied = await restoreStore(path.resolve(values.from), dataDir);
    const ctx = await open({ workers: 1 });
    try {
      const verify = await verifyStore(ctx.db, ctx.blobs);
      const result = { data: dataDir, ...copied, verify };
      io.result(result, () =>
        [
          `已恢复到 restored into ${dataDir}: ${copied.objects} 个对象 objects`,
          verify.ok ? '完整性检查通过 / verify: OK' : '完整性检查发现问题 / verify: PROBLEMS FOUND',
          ...verify.problems.map((p) => `  ✗ [${p.kind}] ${p.subject}: ${p.message}`),
        ].join('\n'),
      );
      return verify.ok ? 0 : 1;
    } finally {
      await ctx.close();
    }
  },
};
