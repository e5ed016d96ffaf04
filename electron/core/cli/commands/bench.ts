import { importBench, type BenchFigures } from '../../bench/import-bench';
import { pipelineBench } from '../../bench/pipeline-bench';
import { classifyBench } from '../../bench/classify-bench';
import { syncBench } from '../../bench/sync-bench';
import { ocrBench } from '../../bench/ocr-bench';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

const BENCHES: Readonly<Record<string, (note: (s: string) => void, pages: number) => Promise<BenchFigures>>> = {
  import: (note, pages) => importBench(pages, note),
  pipeline: (note, pages) => pipelineBench(pages, note),
  classify: (note) => classifyBench(note),
  sync: (note, pages) => syncBench(pages, note),
  ocr: (note) => ocrBench(note),
};

export const benchCommand: Command = {
  name: 'bench',
  usage: 'bench NAME|all [--pages N]',
  summary: `运行基准测试 / run a named benchmark (${Object.keys(BENCHES).join(', ')})`,
  options: { pages: { type: 'string' } },
  async run({ io, positionals, values }) {
    const name = positionals[0] ?? '';
    const names = name === 'all' ? Object.keys(BENCHES) : [name];
    for (const n of names) {
      if (!BENCHES[n]) throw new UsageError(`bench: 未知基准 / unknown benchmark “${n}”; one of all, ${Object.keys(BENCHES).join(', ')}`);
    }
    const pages = values.pages === undefined ? 200 : Number(values.pages);
    if (!Number.isInteger(pages) || pages < 8) throw new UsageError('bench: --pages must be an integer ≥ 8');
    const results: Array<{ name: string; figures: BenchFigures }> = [];
    for (const n of names) {
      io.note(`— ${n} —`);
      results.push({ name: n, figures: await BENCHES[n]!((s) => io.note(s), pages) });
    }
    io.result(results.length === 1 ? results[0] : results, () =>
      results
        .map((r) => [`基准 bench: ${r.name}`, ...Object.entries(r.figures).map(([k, v]) => `  ${k.padEnd(28)} ${v}`)].join('\n'))
        .join('\n\n'),
    );
    return 0;
  },
};
