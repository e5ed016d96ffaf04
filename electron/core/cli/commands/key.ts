import { rm } from 'node:fs/promises';
import path from 'node:path';
import { keyFileSource } from '../../store/keys/kek-source';
import { createKeyFile } from '../../store/keys/key-file';
import { addWrap } from '../../store/keys/store-key-record';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

const USAGE = 'key export --recovery FILE';

/**
 * A recovery key: a second key file that opens the store where the first cannot (the counter PC
 * died with its user's key file or keychain). It is a key file like the OS user's own, so it is
 * used the same way: HPF_DESK_KEY_FILE=FILE hpf-desk …
 */
export const keyCommand: Command = {
  name: 'key',
  usage: USAGE,
  summary:
    '写出恢复密钥文件（离线保管；HPF_DESK_KEY_FILE=FILE 即可打开数据存储）/ write a recovery key file (keep it offline; HPF_DESK_KEY_FILE=FILE opens the store with it)',
  options: { recovery: { type: 'string' } },
  async run({ open, io, values, positionals }) {
    if (positionals[0] !== 'export' || positionals.length !== 1 || typeof values.recovery !== 'string' || values.recovery === '') {
      throw new UsageError(USAGE);
    }
    const file = path.resolve(values.recovery);
    // Unlocked first: a store this user cannot open gets no recovery key from here.
    const ctx = await open({ workers: 1 });
    try {
      const made = await createKeyFile(file);
      if (!made) throw new UsageError(`${file} 已存在，不会覆盖 / ${file} exists already; it is not overwritten`);
      try {
        await addWrap(ctx.dataDir, ctx.dataKey, keyFileSource(file));
      } catch (err) {
        // A key that opens nothing must not be kept as if it did.
        await rm(file, { force: true });
        throw err;
      }
      const out = { recovery: file, id: made.id };
      io.result(out, () => `恢复密钥已写入 recovery key written to ${file} (${made.id})；请离线保管 / keep it offline, apart from this PC`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
