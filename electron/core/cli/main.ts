import { parseArgs } from 'node:util';
import { SchemaTooNewError } from '../store/migration';
import { defaultDataDir } from '../util/default-data-dir';
import { openCoreContext } from '../open-core';
import { createCliIo, UsageError } from './cli-io';
import type { Command } from './command';
import { batchCommand } from './commands/batch';
import { benchCommand } from './commands/bench';
import { catalogueCommand } from './commands/catalogue';
import { checkCommand } from './commands/check';
import { itemCommand } from './commands/item';
import { entryCommand, qcCommand } from './commands/review';
import { schemeCommand } from './commands/scheme';
import { sheetsCommand } from './commands/sheets';
import { splitCommand } from './commands/split';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { initCommand } from './commands/init';
import { listCommand } from './commands/list';
import { scanCommand } from './commands/scan';
import { serveCommand } from './commands/serve';
import { showCommand } from './commands/show';
import { syncCommand } from './commands/sync';
import { verifyCommand } from './commands/verify';
import { ocrCommand } from './commands/ocr';
import { textCommand } from './commands/text';
import { suggestCommand } from './commands/suggest';
import { searchCommand } from './commands/search';
import { statsCommand } from './commands/stats';
import { retentionCommand } from './commands/retention';
import { auditCommand } from './commands/audit';
import { userCommand } from './commands/user';
import { backupCommand, restoreCommand } from './commands/backup';
import { keyCommand } from './commands/key';
import { centralCommand } from './commands/central';
import { DeskError } from '../errors';
import { StoreKeyError } from '../store/keys/store-key-error';
import { defaultKekSources } from '../store/keys/default-sources';
import { promptPassword } from './password-prompt';
import { actAsCliUser, refuseChangesByReadOnly } from './acting-user';
import { reportRefusal } from './filing-cli';

const COMMANDS: readonly Command[] = [
  initCommand,
  importCommand,
  listCommand,
  showCommand,
  verifyCommand,
  serveCommand,
  benchCommand,
  exportCommand,
  batchCommand,
  syncCommand,
  scanCommand,
  itemCommand,
  checkCommand,
  splitCommand,
  sheetsCommand,
  schemeCommand,
  catalogueCommand,
  entryCommand,
  qcCommand,
  ocrCommand,
  textCommand,
  suggestCommand,
  searchCommand,
  statsCommand,
  retentionCommand,
  auditCommand,
  userCommand,
  backupCommand,
  restoreCommand,
  keyCommand,
  centralCommand,
];

const GLOBAL_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  user: { type: 'string' },
} as const;

function helpText(): string {
  return [
    'hpf-desk — 公积金档案工作站命令行 / HPF Archive Desk command line',
    '',
    ...COMMANDS.map((c) => `  hpf-desk ${c.usage.padEnd(52)} ${c.summary}`),
    '',
    '所有命令 / every command: --data DIR (或 env HPF_DESK_DATA), --json, --user NAME (或 env HPF_DESK_USER; 密码 password: env HPF_DESK_PASSWORD 或提示输入 or a prompt)',
    '退出码 exit: 0 全部成功 all done · 2 部分输入被拒收 some inputs rejected · 1 用法错误或失败 usage error or failure',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  const io = createCliIo(json);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    if (name && name !== '--help' && name !== '-h' && name !== 'help') io.note(`未知命令 / unknown command: ${name}`);
    process.stderr.write(`${helpText()}\n`);
    return name === '--help' || name === '-h' || name === 'help' ? 0 : 1;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stderr.write(`hpf-desk ${command.usage}\n  ${command.summary}\n`);
      return 0;
    }
    const dataDir = typeof values.data === 'string' ? values.data : defaultDataDir();
    // Each passphrase asked once per command, however many times the store's keys are opened (key rotate opens them twice).
    const keys = defaultKekSources({
      store: askOnce('数据存储口令 / store passphrase: ', 'HPF_DESK_STORE_PASSPHRASE'),
      recovery: askOnce('恢复口令 / recovery passphrase: ', 'HPF_DESK_RECOVERY_PASSPHRASE'),
    });
    return await command.run({
      positionals,
      values,
      io,
      dataDir,
      keys,
      open: async (extra) => {
        const ctx = await openCoreContext({ keys, ...extra, dataDir });
        try {
          await actAsCliUser(ctx, typeof values.user === 'string' ? values.user : undefined);
          refuseChangesByReadOnly(ctx, command.name);
          return ctx;
        } catch (err) {
          await ctx.close();
          throw err;
        }
      },
    });
  } catch (err) {
    // Refused by the core (not signed in, no permission, unknown record): nothing was done.
    if (err instanceof DeskError) {
      reportRefusal(io, err);
      return 1;
    }
    if (err instanceof UsageError || err instanceof SchemaTooNewError || isParseError(err)) {
      io.note(`hpf-desk ${command.name}: ${(err as Error).message}`);
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: (err as Error).message } })}\n`);
      return 1;
    }
    // The store did not open: locked, a wrong key, an unsafe key file or damage, each said as such.
    if (err instanceof StoreKeyError) {
      io.note(`hpf-desk ${command.name}: ${err.message}`);
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: err.code, message: err.message } })}\n`);
      return 1;
    }
    throw err;
  }
}

/** A terminal prompt asked at most once per command; without a terminal, the store stays `locked`, said as such. */
function askOnce(label: string, envName: string): () => Promise<string> {
  let asked: Promise<string> | undefined;
  return () =>
    (asked ??= promptPassword(label, envName).catch((err: unknown) => {
      throw err instanceof UsageError ? new StoreKeyError('locked', err.message) : err;
    }));
}

const isParseError = (err: unknown): boolean =>
  err instanceof TypeError && /ERR_PARSE_ARGS/.test((err as NodeJS.ErrnoException).code ?? '');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('hpf-desk: 失败 / failed:', err instanceof Error ? err.stack ?? err.message : err);
    process.exitCode = 1;
  },
);
