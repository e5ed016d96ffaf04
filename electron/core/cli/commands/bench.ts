import { importBench, type BenchFigures } from '../../bench/import-bench';
import { pipelineBench } from '../../bench/pipeline-bench';
import { classifyBench } from '../../bench/classify-bench';
import { syncBench } from '../../bench/sync-bench';
import { centralBench } from '../../bench/central-bench';
import { searchBench } from '../../bench/search-bench';
import { statsBench } from '../../bench/stats-bench';
import { lifecycleBench } from '../../bench/lifecycle/lifecycle-bench';
import { atRestBench } from '../../bench/at-rest-bench';
import { OCR_BENCH_ENGINES, ocrBench, type OcrBenchEngine } from '../../bench/ocr-bench';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

interface BenchOptions {
  readonly pages: number;
  /** --pages as given, for benches whose own default is not the image benches' 200. */
  readonly pagesAsked: number | null;
  readonly engines: readonly OcrBenchEngine[];
  readonly runs: number;
  /** --store: where the stats and search benches keep their generated store between runs. */
  readonly store: string | null;
}

const BENCHES: Readonly<Record<string, (note: (s: string) => void, o: BenchOptions) => Promise<BenchFigures>>> = {
  import: (note, o) => importBench(o.pages, note),
  pipeline: (note, o) => pipelineBench(o.pages, note),
  classify: (note) => classifyBench(note),
  sync: (note, o) => syncBench(o.pages, note),
  central: (note, o) => centralBench(o.pages, note),
  ocr: (note, o) => ocrBench(note, o.engines),
  search: (note, o) => searchBench(o.pages, note, o.store),
  // At the scale (1 M pages, 200 k events) unless --pages asks for another size.
  stats: (note, o) => statsBench(note, o.pagesAsked ?? undefined, undefined, o.store),
  // Encrypted against plaintext stores: import, OCR and sync (16 pages unless --pages asks for more).
  'at-rest': (note, o) => atRestBench(o.pagesAsked ?? undefined, note),
  // The CLI running this bench is also the second writer beside the store.
  lifecycle: (note, o) => lifecycleBench(o.runs, process.argv[1]!, note),
};

export const benchCommand: Command = {
  name: 'bench',
  usage: 'bench NAME|all [--pages N] [--engines ppocr,tesseract,native] [--runs N] [--store FILE]',
  summary: `运行基准测试 / run a named benchmark (${Object.keys(BENCHES).join(', ')})`,
  options: { pages: { type: 'string' }, engines: { type: 'string' }, runs: { type: 'string' }, store: { type: 'string' } },
  async run({ io, positionals, values }) {
    const name = positionals[0] ?? '';
    const names = name === 'all' ? Object.keys(BENCHES) : [name];
    for (const n of names) {
      if (!BENCHES[n]) throw new UsageError(`bench: 未知基准 / unknown benchmark “${n}”; one of all, ${Object.keys(BENCHES).join(', ')}`);
    }
    const pages = values.pages === undefined ? 200 : Number(values.pages);
    if (!Number.isInteger(pages) || pages < 8) throw new UsageError('bench: --pages must be an integer ≥ 8');
    const runs = values.runs === undefined ? 1000 : Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1) throw new UsageError('bench: --runs must be a positive integer');
    const engines = String(values.engines ?? OCR_BENCH_ENGINES.join(",")).split(',').map((e) => e.trim());
    const unknown = engines.filter((e) => !(OCR_BENCH_ENGINES as readonly string[]).includes(e));
    if (unknown.length > 0 || engines.length === 0) {
      throw new UsageError(`bench: --engines takes a list of ${OCR_BENCH_ENGINES.join(', ')}; not “${unknown.join(', ')}”`);
    }
    const results: Array<{ name: string; figures: BenchFigures }> = [];
    for (const n of names) {
      io.note(`— ${n} —`);
      results.push({ name: n, figures: await BENCHES[n]!((s) => io.note(s), { pages, pagesAsked: values.pages === undefined ? null : pages, engines: engines as OcrBenchEngine[], runs, store: values.store === undefined ? null : String(values.store) }) });
    }
    io.result(results.length === 1 ? results[0] : results, () =>
      results
        .map((r) => [`基准 bench: ${r.name}`, ...Object.entries(r.figures).map(([k, v]) => `  ${k.padEnd(28)} ${v}`)].join('\n'))
        .join('\n\n'),
    );
    return 0;
  },
};
