import { rm } from 'node:fs/promises';
import path from 'node:path';
import { rotateDataKey } from '../../store/key-rotation';
import { keyFileSource, type KekRef } from '../../store/keys/kek-source';
import { createKeyFile } from '../../store/keys/key-file';
import { addWrap } from '../../store/keys/store-key-record';
import { UsageError } from '../cli-io';
import type { Command, CommandInput } from '../command';

const USAGE = 'key export --recovery FILE | key rotate';

/**
 * The store's keys, for its administrator:
 * - `export --recovery FILE`: a recovery key, a second key file that opens the store where the
 *   first cannot (the counter PC died with its user's key file or keychain). It is a key file
 *   like the OS user's own, so it is used the same way: HPF_DESK_KEY_FILE=FILE hpf-desk …
 * - `rotate`: a new data key; the database and every object re-encrypted under it (see
 *   key-rotation.ts), resumably: a rotation cut short is finished by the next command or start.
 */
export const keyCommand: Command = {
  name: 'key',
  usage: USAGE,
  summary:
    '写出恢复密钥文件（离线保管；HPF_DESK_KEY_FILE=FILE 即可打开数据存储），或轮换数据密钥并重新加密数据库与全部对象 / write a recovery key file (keep it offline; HPF_DESK_KEY_FILE=FILE opens the store with it), or rotate the data key and re-encrypt the database and every object',
  options: { recovery: { type: 'string' } },
  async run(input) {
    const [action, ...more] = input.positionals;
    if (more.length > 0) throw new UsageError(USAGE);
    if (action === 'export') return exportRecovery(input);
    if (action === 'rotate') return rotate(input);
    throw new UsageError(USAGE);
  },
};

async function exportRecovery({ open, io, values }: CommandInput): Promise<number> {
  if (typeof values.recovery !== 'string' || values.recovery === '') throw new UsageError(USAGE);
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
}

async function rotate({ open, io, keys }: CommandInput): Promise<number> {
  // Opened as any command is (unlocked, its user checked, an earlier rotation finished), then
  // closed: the rotation needs the database to itself.
  const ctx = await open({ workers: 1 });
  const { dataDir, actor } = ctx;
  await ctx.close();
  const report = await rotateDataKey(dataDir, keys, actor, (done) => {
    if (done % 500 === 0) io.note(`已重新加密 re-encrypted ${done} 个对象 objects…`);
  });
  io.result(report, () =>
    [
      `数据密钥已轮换 data key rotated (${report.rotation})：重新加密 re-encrypted ${report.reencrypted} 个对象 objects`,
      ...(report.leftDamaged > 0 ? [`${report.leftDamaged} 个对象已损坏，保持原样（请运行 verify）/ objects are damaged and were left as they were (run verify)`] : []),
      ...report.dropped.map(
        (ref) => `不再能打开此数据存储 no longer opens the store: ${describeRef(ref)} —— 请重新导出恢复密钥 / export a new recovery key`,
      ),
    ].join('\n'),
  );
  return 0;
}

function describeRef(ref: KekRef): string {
  return ref.kind === 'passphrase' ? 'passphrase' : `${ref.kind} ${ref.id}`;
}
