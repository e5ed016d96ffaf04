import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { rotateDataKey } from '../../store/key-rotation';
import { keyFileSource, type KekRef, type KekSource } from '../../store/keys/kek-source';
import { createKeyFile } from '../../store/keys/key-file';
import { recoverySource } from '../../store/keys/recovery-file';
import { addWrap } from '../../store/keys/store-key-record';
import { UsageError } from '../cli-io';
import { longEnough, newRecoveryPassphrase } from '../password-prompt';
import type { Command, CommandInput } from '../command';

const USAGE = 'key export --recovery FILE [--passphrase-file F] | key export --recovery-key-file FILE | key rotate';

/**
 * The store's keys, for its administrator:
 * - `export --recovery FILE`: a recovery copy for a medium kept offline, sealed under a recovery
 *   passphrase (recovery-file.ts), for the day the counter PC's OS profile is lost. Opened with
 *   HPF_DESK_RECOVERY=FILE hpf-desk … and the passphrase (HPF_DESK_RECOVERY_PASSPHRASE or asked).
 *   The passphrase is asked twice on the terminal, or read from HPF_DESK_RECOVERY_PASSPHRASE or
 *   --passphrase-file (scripts).
 * - `export --recovery-key-file FILE`: the earlier form, a second plain key file (for a medium
 *   locked away, where a passphrase would only be written down beside it): HPF_DESK_KEY_FILE=FILE.
 * - `rotate`: a new data key; the database and every object re-encrypted under it (see
 *   key-rotation.ts), resumably: a rotation cut short is finished by the next command or start.
 */
export const keyCommand: Command = {
  name: 'key',
  usage: USAGE,
  summary:
    '写出口令保护的恢复密钥（离线保管；HPF_DESK_RECOVERY=FILE 加恢复口令即可打开数据存储），或轮换数据密钥并重新加密数据库与全部对象 / write a passphrase-protected recovery key (keep it offline; HPF_DESK_RECOVERY=FILE and its passphrase open the store), or rotate the data key and re-encrypt the database and every object',
  options: { recovery: { type: 'string' }, 'recovery-key-file': { type: 'string' }, 'passphrase-file': { type: 'string' } },
  async run(input) {
    const [action, ...more] = input.positionals;
    if (more.length > 0) throw new UsageError(USAGE);
    if (action === 'export') return exportRecovery(input);
    if (action === 'rotate') return rotate(input);
    throw new UsageError(USAGE);
  },
};

async function exportRecovery({ open, io, values }: CommandInput): Promise<number> {
  const sealed = nonEmpty(values.recovery);
  const plain = nonEmpty(values['recovery-key-file']);
  if ((sealed === null) === (plain === null)) throw new UsageError(USAGE);
  const file = path.resolve((sealed ?? plain)!);
  // Asked before the store is opened, so a mistyped confirmation costs nothing.
  const passphrase = sealed ? await recoveryPassphrase(values['passphrase-file']) : null;
  if (existsSync(file)) throw new UsageError(`${file} 已存在，不会覆盖 / ${file} exists already; it is not overwritten`);
  // Unlocked first: a store this user cannot open gets no recovery key from here.
  const ctx = await open({ workers: 1 });
  try {
    const source = passphrase === null ? newKeyFileSource(file) : recoverySource(file, async () => passphrase);
    let written = false;
    let ref: KekRef;
    try {
      ref = await addWrap(ctx.dataDir, ctx.dataKey, {
        ...source,
        create: async () => {
          const made = await source.create();
          written = true;
          return made;
        },
      });
    } catch (err) {
      // A key that opens nothing must not be kept as if it did; a file that was there stays.
      if (written) await rm(file, { force: true });
      throw err;
    }
    const id = 'id' in ref ? ref.id : '';
    const how = passphrase === null ? `HPF_DESK_KEY_FILE=${file}` : `HPF_DESK_RECOVERY=${file} + 恢复口令 recovery passphrase`;
    io.result({ recovery: file, id, kind: ref.kind }, () => `恢复密钥已写入 recovery key written to ${file} (${id})；请离线保管 / keep it offline, apart from this PC; 打开方式 opens with: ${how}`);
    return 0;
  } finally {
    await ctx.close();
  }
}

/** A key file source that only ever makes a new file: one already there may be another store's key. */
function newKeyFileSource(file: string): KekSource {
  return {
    ...keyFileSource(file),
    async create() {
      const made = await createKeyFile(file);
      if (!made) throw new UsageError(`${file} 已存在，不会覆盖 / ${file} exists already; it is not overwritten`);
      return { ref: { kind: 'key-file', id: made.id }, kek: made.key };
    },
  };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** From --passphrase-file (its first line), else HPF_DESK_RECOVERY_PASSPHRASE, else asked twice. */
async function recoveryPassphrase(fromFile: unknown): Promise<string> {
  if (typeof fromFile !== 'string') return newRecoveryPassphrase();
  return longEnough((await readFile(path.resolve(fromFile), 'utf8')).split(/\r?\n/)[0] ?? '');
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
