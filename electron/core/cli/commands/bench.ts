import { importBench, type BenchFigures } from '../../bench/import-bench';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

const BENCHES: Readonly<Record<string, (note: (s: string) => void, pages: number) => Promise<BenchFigures>>> = {
  import: (note, pages) => importBench(pages, note),
};

export const benchCommand: Command = {
  name: 'bench',
  usage: 'bench NAME [--pages N]',
  summary: `运行基准测试 / run a named benchmark (${Object.keys(BENCHES).join(', ')})`,
  options: { pages: { type: 'string' } },
  async run({ io, positionals, values }) {
    const name = positionals[0] ?? '';
    const bench = BENCHES[name];
    if (!bench) throw new UsageError(`bench: 未知基准 / unknown benchmark “${name}”; one of ${Object.keys(BENCHES).join(', ')}`);
    const pages = values.pages === undefined ? 200 : Number(values.pages);
    if (!Number.isInteger(pages) || pages < 8) throw new UsageError('bench: --pages must be an integer ≥ 8');
    const figures = await bench((s) => io.note(s), pages);
    io.result({ name, figures }, () =>
      [`基准 bench: ${name}`, ...Object.entries(figures).map(([k, v]) => `  ${k.padEnd(22)} ${v}`)].join('\n'),
    );
    return 0;
  },
};
