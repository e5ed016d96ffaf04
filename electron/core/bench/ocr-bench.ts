import { execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { defaultOcrPoolSize } from '../ocr/ocr-pool';
import { TESSDATA_VARIANT, TESSERACT_LANGUAGES } from '../ocr/tesseract/tesseract-settings';
import type { BenchFigures } from './import-bench';
import type { BenchRunMessage, BenchRunReply, BenchRunRequest } from './ocr-bench-protocol';
import { characterErrorRate, readVerbatim } from './ocr-score';

/** The goal for the station's default engine (issue 4). */
const GOAL = { cerClean: 1, cerDegraded: 1.5, idExact: 98, pagesPerMinute: 55, peakMB: 1024 } as const;

/** dist/core (where this bundle runs) → the repository root. */
const repoRoot = (): string => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function samplesDir(): string {
  const candidates = [process.env.HPF_DESK_SAMPLES, path.resolve(repoRoot(), '..', 'shared', 'samples'), path.resolve('..', 'shared', 'samples')];
  const found = candidates.find((c): c is string => c !== undefined && existsSync(path.join(c, 'clean')) && existsSync(path.join(c, 'gt')));
  if (!found) throw new Error(`OCR bench: sample pages not found (set HPF_DESK_SAMPLES; looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

interface Truth {
  readonly text: string;
  readonly id: string | null;
  readonly amount: string | null;
}

export type OcrBenchEngine = BenchRunRequest['engine'];
export const OCR_BENCH_ENGINES: readonly OcrBenchEngine[] = ['ppocr', 'tesseract', 'native'];

/**
 * OCR accuracy and speed on ../shared/samples, clean and degraded (../shared/tools/degrade.mjs),
 * scored as samples/README.md says, for PP-OCR (the default), tesseract.js and the native
 * tesseract CLI with the same language data, each measured in a process of its own: once
 * with one worker (seconds per page, and the texts that are scored) and once with the pool.
 */
export async function ocrBench(note: (s: string) => void = () => undefined, engines: readonly OcrBenchEngine[] = OCR_BENCH_ENGINES): Promise<BenchFigures> {
  const samples = samplesDir();
  const work = await mkdtemp(path.join(os.tmpdir(), 'hpf-bench-ocr-'));
  try {
    const degraded = path.join(work, 'degraded');
    note('making degraded variants (rotated, blurred, noisy, JPEG 40, 200 dpi, grey, bitonal)…');
    execFileSync(process.execPath, [path.join(samples, '..', 'tools', 'degrade.mjs'), path.join(samples, 'clean'), degraded], {
      cwd: repoRoot(),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const names = readdirSync(path.join(samples, 'clean')).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4)).sort();
    const truth = new Map<string, Truth>(names.map((n) => [n, readTruth(samples, n)]));
    const files = [
      ...names.map((n) => ({ key: `clean/${n}`, path: path.join(samples, 'clean', `${n}.png`) })),
      ...names.map((n) => ({ key: `degraded/${n}`, path: path.join(degraded, `${n}.png`) })),
    ];
    const tessdata = await gunzipTessdata(path.join(work, 'tessdata'));
    const cores = Math.max(1, os.availableParallelism());
    const pool = defaultOcrPoolSize();
    const figures: Record<string, number | string> = {
      pages: `${names.length} clean + ${names.length} degraded`,
      cores,
      pool: `${pool.workers} workers × ${pool.threads} threads`,
    };
    const table: string[] = [];
    for (const engine of engines) {
      note(`— ${engine}: one worker —`);
      const single = await measure({ engine, files, workers: 1, threads: engine === 'ppocr' ? cores : 1, tessdata });
      // tesseract.js and the CLI are single-threaded: one per core.
      const workers = engine === 'ppocr' ? pool.workers : cores;
      note(`— ${engine}: ${workers} workers —`);
      const pooled = await measure({ engine, files, workers, threads: engine === 'ppocr' ? pool.threads : 1, tessdata });
      const score = scoreTexts(single.texts, truth);
      const row = {
        cerCleanPct: score.cerClean,
        cerDegradedPct: score.cerDegraded,
        idExactPct: score.idExact,
        amountExactPct: score.amountExact,
        secondsPerPage: round(single.wallSeconds / files.length, 2),
        pagesPerMinute: round((files.length / pooled.wallSeconds) * 60, 1),
        // Throughput the CPU time allows on idle cores: the figure other work on the machine does not bend.
        pagesPerMinuteIfCoresFree: pooled.cpuSeconds === null ? 'n/a' : round(((files.length * cores) / pooled.cpuSeconds) * 60, 1),
        peakMemoryMB: pooled.peakRssMB,
        loadAverage: round(os.loadavg()[0]!, 2),
      };
      for (const [k, v] of Object.entries(row)) figures[`${engine}.${k}`] = v;
      table.push(
        `${engine.padEnd(10)} ${fmt(row.cerCleanPct)}% ${fmt(row.cerDegradedPct)}%  ID ${fmt(row.idExactPct)}%  ¥ ${fmt(row.amountExactPct)}%  ` +
          `${row.secondsPerPage} s/page  ${row.pagesPerMinute} pages/min  ${row.peakMemoryMB} MB`,
      );
      note(table.at(-1)!);
    }
    if (engines.includes('ppocr')) figures['goal.ppocr'] = goalVerdict(figures);
    figures.note = 'timings were taken while other work may run on this machine: treat s/page and pages/min as noisy';
    note(['engine     CER clean/degraded  ID exact  amount exact  s/page  pages/min (pool)  peak memory', ...table].join('\n'));
    return figures;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function readTruth(samples: string, name: string): Truth {
  const meta = JSON.parse(readFileSync(path.join(samples, 'gt', `${name}.json`), 'utf8')) as { id_number?: string | null; amount?: string | null };
  return { text: readFileSync(path.join(samples, 'gt', `${name}.gt.txt`), 'utf8'), id: meta.id_number ?? null, amount: meta.amount ?? null };
}

function scoreTexts(texts: Readonly<Record<string, string>>, truth: ReadonlyMap<string, Truth>) {
  const cer = (set: string) => {
    const values = [...truth].map(([n, t]) => characterErrorRate(texts[`${set}/${n}`] ?? '', t.text));
    return round((values.reduce((s, v) => s + v, 0) / values.length) * 100, 2);
  };
  const rate = (field: 'id' | 'amount') => {
    const checks = ['clean', 'degraded'].flatMap((set) =>
      [...truth].filter(([, t]) => t[field] !== null).map(([n, t]) => readVerbatim(texts[`${set}/${n}`] ?? '', t[field]!)),
    );
    return checks.length === 0 ? 100 : round((checks.filter(Boolean).length / checks.length) * 100, 1);
  };
  return { cerClean: cer('clean'), cerDegraded: cer('degraded'), idExact: rate('id'), amountExact: rate('amount') };
}

function goalVerdict(f: Readonly<Record<string, number | string>>): string {
  const misses: string[] = [];
  const num = (k: string) => Number(f[`ppocr.${k}`]);
  if (num('cerCleanPct') > GOAL.cerClean) misses.push(`CER clean ${num('cerCleanPct')}% > ${GOAL.cerClean}%`);
  if (num('cerDegradedPct') > GOAL.cerDegraded) misses.push(`CER degraded ${num('cerDegradedPct')}% > ${GOAL.cerDegraded}%`);
  if (num('idExactPct') < GOAL.idExact) misses.push(`IDs exact ${num('idExactPct')}% < ${GOAL.idExact}%`);
  if (num('pagesPerMinute') < GOAL.pagesPerMinute) {
    misses.push(`${num('pagesPerMinute')} pages/min < ${GOAL.pagesPerMinute} (CPU time allows ${f['ppocr.pagesPerMinuteIfCoresFree']} on free cores)`);
  }
  if (num('peakMemoryMB') > GOAL.peakMB) misses.push(`peak ${num('peakMemoryMB')} MB > ${GOAL.peakMB} MB`);
  return misses.length === 0 ? 'met' : `not met: ${misses.join('; ')}`;
}

function measure(request: BenchRunRequest): Promise<BenchRunReply> {
  const script = fileURLToPath(new URL('./ocr-bench-child.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (msg: BenchRunMessage) => (msg.ok ? resolve(msg.reply) : reject(new Error(msg.error))));
    child.once('exit', (code) => code !== 0 && reject(new Error(`OCR bench run (${request.engine}) exited with ${code}`)));
    child.send(request);
  });
}

/** The npm language data, unpacked for the CLI: the same models tesseract.js reads. */
async function gunzipTessdata(dir: string): Promise<string> {
  const require = createRequire(import.meta.url);
  await mkdir(dir, { recursive: true });
  for (const lang of TESSERACT_LANGUAGES) {
    const gz = path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), TESSDATA_VARIANT, `${lang}.traineddata.gz`);
    await writeFile(path.join(dir, `${lang}.traineddata`), gunzipSync(await readFile(gz)));
  }
  return dir;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const fmt = (v: number): string => v.toFixed(2).padStart(6);
