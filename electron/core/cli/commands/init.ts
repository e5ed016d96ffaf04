import { readFile } from 'node:fs/promises';
import { addUser, countUsers } from '../../auth/user-store';
import { applyProvisioning, centreTrust, parseProvisioning, ProvisioningError, type ProvisioningFile } from '../../trust/provisioning';
import { keyIdOf } from '../../trust/signed-envelope';
import { requireCliPermission } from '../acting-user';
import { NewPassword, UserName } from '../../../../shared/contract/session-api';
import { latestSchemaVersion } from '../../store/migration';
import { getStation } from '../../store/repo/station';
import { CryptoSuite, DEFAULT_SUITE } from '../../files/crypto-suite';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { newPassword, newStorePassphrase } from '../password-prompt';
import { defaultKekSources, operatorPassphrase } from '../../store/keys/default-sources';

export const initCommand: Command = {
  name: 'init',
  usage: 'init [--fonds J017] [--station NAME] [--admin NAME] [--passphrase] [--crypto standard|sm] [--provision FILE]',
  summary:
    '创建或打开加密的数据存储；--admin 创建第一位管理员；--passphrase 用操作员口令而非密钥文件加密；--crypto sm 新数据存储的对象用国密算法（SM4、SM3）；--provision 读入中心下发的配置文件 / create or open the encrypted store; --admin creates the first administrator; --passphrase locks a new store with an operator passphrase instead of the key file; --crypto sm keeps a new store\'s objects with the national algorithms (SM4, SM3); --provision takes the centre\'s provisioning file',
  options: { fonds: { type: 'string' }, station: { type: 'string' }, admin: { type: 'string' }, passphrase: { type: 'boolean', default: false }, crypto: { type: 'string' }, provision: { type: 'string' } },
  async run({ open, io, values }) {
    const adminName = values.admin === undefined ? undefined : UserName.safeParse(values.admin);
    if (adminName && !adminName.success) throw new UsageError(`--admin: ${adminName.error.issues[0]?.message ?? ''}`);
    const crypto = values.crypto === undefined ? undefined : CryptoSuite.safeParse(values.crypto);
    if (crypto && !crypto.success) throw new UsageError(`--crypto: standard 或 sm / standard or sm, not ${String(values.crypto)}`);
    const provisioning = values.provision === undefined ? undefined : await readProvisioning(String(values.provision));
    const ctx = await open({
      fonds: provisioning?.station.fonds ?? (values.fonds as string | undefined),
      stationName: provisioning?.station.name ?? (values.station as string | undefined),
      ...(provisioning ? { stationId: provisioning.station.id } : {}),
      ...(crypto ? { crypto: crypto.data } : {}),
      // First, so a new store is wrapped for it; an existing store still opens with what it was made with.
      ...(values.passphrase === true ? { keys: [operatorPassphrase(newStorePassphrase), ...defaultKekSources()] } : {}),
    });
    try {
      const suite = ctx.blobs.keys?.suite ?? DEFAULT_SUITE;
      // A store's objects keep the algorithms it was made with: asking for others is a mistake to say, not to ignore.
      if (crypto && crypto.data !== suite) throw new UsageError(`数据存储已按 ${suite} 创建，不能改为 ${crypto.data} / the store was made with ${suite} and cannot change to ${crypto.data}`);
      if (provisioning) {
        // Whom the station trusts is the security administrator's decision once there are users.
        requireCliPermission(ctx, 'sync.configure');
        try {
          applyProvisioning(ctx.db, ctx.actor, provisioning);
        } catch (err) {
          if (err instanceof ProvisioningError) throw new UsageError(err.message);
          throw err;
        }
      }
      if (adminName?.success) {
        if (countUsers(ctx.db) > 0) throw new UsageError('工作站已有用户，请用 hpf-desk user add / the station has users already: use hpf-desk user add');
        const password = NewPassword.safeParse(await newPassword());
        if (!password.success) throw new UsageError(`密码 / password: ${password.error.issues[0]?.message ?? ''}`);
        await addUser(ctx.db, ctx.actor, { name: adminName.data, role: 'admin', password: password.data }, true);
      }
      const station = getStation(ctx.db);
      const centre = centreTrust(ctx.db);
      const out = { data: ctx.dataDir, schemaVersion: latestSchemaVersion(), crypto: suite, station, users: countUsers(ctx.db), centre: centre && { name: centre.name, algorithm: centre.algorithm, keyId: keyIdOf(centre) } };
      io.result(out, () =>
        [
          `数据目录 data: ${out.data}`,
          `结构版本 schema: ${out.schemaVersion}`,
          `对象加密 objects: ${suite === 'sm' ? 'SM4-CTR + HMAC-SM3（国密）' : 'AES-256-GCM'}`,
          `工作站 station: ${station.name} (${station.id}), 全宗号 fonds ${station.fonds}`,
          `中心密钥 centre key: ${centre ? `${centre.name} ${centre.algorithm} ${keyIdOf(centre)}` : '（未配置 none: hpf-desk init --provision FILE）'}`,
          `用户 users: ${out.users}${out.users === 0 ? '（首次登录者成为管理员 / the first to sign in becomes the administrator）' : ''}`,
        ].join('\n'),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

async function readProvisioning(file: string): Promise<ProvisioningFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new UsageError(`--provision: 读不到文件 / cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return parseProvisioning(bytes);
  } catch (err) {
    if (err instanceof ProvisioningError) throw new UsageError(`--provision: ${err.message}`);
    throw err;
  }
}
