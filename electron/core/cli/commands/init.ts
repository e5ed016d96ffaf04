import { latestSchemaVersion } from '../../store/migration';
import { getStation } from '../../store/repo/station';
import type { Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  usage: 'init [--fonds J017] [--station NAME]',
  summary: '创建或打开数据存储 / create or open the store',
  options: { fonds: { type: 'string' }, station: { type: 'string' } },
  async run({ open, io, values }) {
    const ctx = await open({
      fonds: values.fonds as string | undefined,
      stationName: values.station as string | undefined,
    });
    try {
      const station = getStation(ctx.db);
      const out = { data: ctx.dataDir, schemaVersion: latestSchemaVersion(), station };
      io.result(out, () =>
        [`数据目录 data: ${out.data}`, `结构版本 schema: ${out.schemaVersion}`, `工作站 station: ${station.name} (${station.id}), 全宗号 fonds ${station.fonds}`].join('\n'),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
