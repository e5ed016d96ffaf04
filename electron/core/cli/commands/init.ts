import { addUser, countUsers } from '../../auth/user-store';
import { NewPassword, UserName } from '../../../../shared/contract/session-api';
import { latestSchemaVersion } from '../../store/migration';
import { getStation } from '../../store/repo/station';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { newPassword, newStorePassphrase } from '../password-prompt';
import { defaultKekSources, operatorPassphrase } from '../../store/keys/default-sources';

export const initCommand: Command = {
  name: 'init',
  usage: 'init [--fonds J017] [--station NAME] [--admin NAME] [--passphrase]',
  summary:
    '创建或打开加密的数据存储；--admin 创建第一位管理员；--passphrase 用操作员口令而非密钥文件加密 / create or open the encrypted store; --admin creates the first administrator; --passphrase locks a new store with an operator passphrase instead of the key file',
  options: { fonds: { type: 'string' }, station: { type: 'string' }, admin: { type: 'string' }, passphrase: { type: 'boolean', default: false } },
  async run({ open, io, values }) {
    const adminName = values.admin === undefined ? undefined : UserName.safeParse(values.admin);
    if (adminName && !adminName.success) throw new UsageError(`--admin: ${adminName.error.issues[0]?.message ?? ''}`);
    const ctx = await open({
      fonds: values.fonds as string | undefined,
      stationName: values.station as string | undefined,
      // First, so a new store is wrapped for it; an existing store still opens with what it was made with.
      ...(values.passphrase === true ? { keys: [operatorPassphrase(newStorePassphrase), ...defaultKekSources()] } : {}),
    });
    try {
      if (adminName?.success) {
        if (countUsers(ctx.db) > 0) throw new UsageError('工作站已有用户，请用 hpf-desk user add / the station has users already: use hpf-desk user add');
        const password = NewPassword.safeParse(await newPassword());
        if (!password.success) throw new UsageError(`密码 / password: ${password.error.issues[0]?.message ?? ''}`);
        await addUser(ctx.db, ctx.actor, { name: adminName.data, role: 'admin', password: password.data }, true);
      }
      const station = getStation(ctx.db);
      const out = { data: ctx.dataDir, schemaVersion: latestSchemaVersion(), station, users: countUsers(ctx.db) };
      io.result(out, () =>
        [
          `数据目录 data: ${out.data}`,
          `结构版本 schema: ${out.schemaVersion}`,
          `工作站 station: ${station.name} (${station.id}), 全宗号 fonds ${station.fonds}`,
          `用户 users: ${out.users}${out.users === 0 ? '（首次登录者成为管理员 / the first to sign in becomes the administrator）' : ''}`,
        ].join('\n'),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
