import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { stringOption, withFiling } from '../filing-cli';
import { requireCliPermission } from '../acting-user';

export const schemeCommand: Command = {
  name: 'scheme',
  usage: 'scheme show|versions | scheme export --out FILE | scheme import FILE --reason R',
  summary: '分类方案：查看、导出、导入为新版本 / classification scheme: show, export, import as a new version',
  options: { out: { type: 'string' }, reason: { type: 'string' }, version: { type: 'string' } },
  async run(input) {
    const { positionals, values, io } = input;
    const [action, file] = positionals;
    switch (action) {
      case 'show':
      case 'export':
        return withFiling(input, async (_ctx, filing) => {
          const version = stringOption(values, 'version');
          const scheme = version ? filing.schemes.at(Number(version)) : filing.scheme();
          const out = stringOption(values, 'out');
          if (out) await writeFile(out, `${JSON.stringify(scheme.body, null, 2)}\n`);
          io.result(out ? { version: scheme.version, out } : scheme, () =>
            out ? `第 ${scheme.version} 版已导出到 ${out}` : `第 ${scheme.version} 版 version ${scheme.version}: ${scheme.body.name}（${scheme.body.businessTypes.length} 种业务）`,
          );
          return 0;
        });
      case 'versions':
        return withFiling(input, (_ctx, filing) => {
          const versions = filing.schemes.versions();
          io.result(versions, () => versions.map((v) => `v${v.version}  ${v.createdAt}  ${v.actor}  ${v.reason}`).join('\n'));
          return 0;
        });
      case 'import': {
        const reason = stringOption(values, 'reason');
        if (!file || !reason) throw new UsageError('scheme import FILE --reason R');
        let body: unknown;
        try {
          body = JSON.parse(await readFile(file, 'utf8'));
        } catch (err) {
          throw new UsageError(`scheme: ${file}: ${(err as Error).message}`);
        }
        return withFiling(input, (ctx, filing) => {
          requireCliPermission(ctx, 'scheme.edit');
          const saved = filing.schemes.save(ctx.actor, body, reason);
          io.result({ version: saved.version }, () => `分类方案第 ${saved.version} 版 / scheme version ${saved.version}`);
          return 0;
        });
      }
      default:
        throw new UsageError(`scheme: 用法 / usage: ${this.usage}`);
    }
  },
};
