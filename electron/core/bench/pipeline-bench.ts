import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PageStep } from '../../../shared/contract';
import { importPaths } from '../import/import-paths';
import { openCoreContext } from '../open-core';
import { createBatch } from '../store/repo/batches';
import { getPage, listPages } from '../store/repo/pages';
import type { BenchFigures } from './import-bench';
import { writeScanSet, type TruePage } from './synthetic-scan-set';

const run = promisify(execFile);
/** The production scanner the pipeline has to keep up with (issue 3). */
const TARGET_PAGES_PER_MINUTE = 140;
/** ImageMagick needs seconds per page; this many pages give a stable rate without a long wait. */
const IMAGEMAGICK_PAGES = 24;

/**
 * The DA/T 31 pipeline on 300 dpi A4 feeder output: throughput of the real import path (decode,
 * deskew, crop, orient, thumbnail, store) against ImageMagick doing the same operations on the
 * same files in the same run, and how right the pipeline's findings are against the generated
 * ground truth (skew, orientation, blank and duplicate detection).
 */
export async function pipelineBench(pages = 60, note: (s: string) => void = () => undefined): Promise<BenchFigures> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-bench-pipeline-'));
  try {
    note(`generating ${pages} A4 300 dpi feeder pages with known skew, turns, blanks and rescans…`);
    const truth = await writeScanSet(path.join(root, 'in'), pages);
    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'bench' });
    let figures: Record<string, number | string>;
    try {
      const batch = createBatch(ctx.db, 'bench', { name: 'bench', kind: 'backfile', business: null });
      note(`pipeline with ${ctx.pool.size} media workers…`);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await importPaths(ctx, batch.id, truth.map((t) => t.file));
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuPerPage = (cpu.user + cpu.system) / 1e6 / truth.length;
      if (result.rejected.length > 0 || result.imported.length !== truth.length) {
        throw new Error(`bench import incomplete: ${result.imported.length}/${truth.length}, ${result.rejected.length} rejected`);
      }
      const perMinute = (truth.length / seconds) * 60;
      figures = {
        pages: truth.length,
        workers: ctx.pool.size,
        seconds: round(seconds),
        pagesPerMinute: round(perMinute),
        keepsUpWith140PerMinute: perMinute >= TARGET_PAGES_PER_MINUTE ? 'yes' : 'no',
        // Wall-clock rates depend on what else runs; CPU time per page does not, and gives the
        // rate two otherwise idle cores would reach.
        cpuSecondsPerPage: round(cpuPerPage, 3),
        pagesPerMinuteOn2IdleCores: round(120 / cpuPerPage),
        ...score(truth, ctx),
      };
    } finally {
      await ctx.close();
    }
    const magick = await imageMagick(truth.slice(0, IMAGEMAGICK_PAGES), path.join(root, 'magick'), note);
    if (magick) {
      figures.imagemagickPages = magick.pages;
      figures.imagemagickPagesPerMinute = round(magick.perMinute);
      figures.ratioToImageMagick = round((figures.pagesPerMinute as number) / magick.perMinute);
      if (magick.cpuPerPage !== null) {
        figures.imagemagickCpuSecondsPerPage = round(magick.cpuPerPage, 3);
        figures.cpuRatioToImageMagick = round(magick.cpuPerPage / (figures.cpuSecondsPerPage as number));
      }
    } else {
      figures.imagemagick = 'convert not installed (apt-get install -y imagemagick)';
    }
    figures.imagemagickOperations = '-deskew 40% -fuzz 25% -trim, JPEG q90 4:4:4, -thumbnail 320 (it has no text-orientation detection)';
    return figures;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function score(truth: readonly TruePage[], ctx: Awaited<ReturnType<typeof openCoreContext>>): Record<string, number | string> {
  const batchPages = listPages(ctx.db, ctx.db.prepare('SELECT id FROM batches LIMIT 1').pluck().get() as string);
  const byFile = new Map(batchPages.map((p) => [p.source.file, p]));
  const pageOf = (t: TruePage) => byFile.get(path.basename(t.file))!;
  const group = (i: number): number => (truth[i]!.repeats === null ? i : group(truth[i]!.repeats!));
  const groupOfPage = new Map(truth.map((t, i) => [pageOf(t).id, group(i)]));

  const errors: number[] = [];
  let orientRight = 0;
  let orientTotal = 0;
  const blank = { tp: 0, fp: 0, fn: 0 };
  const dup = { tp: 0, fp: 0, fn: 0 };
  truth.forEach((t, i) => {
    const page = pageOf(t);
    const steps = getPage(ctx.db, page.id)!.steps;
    const deskew = steps.find((s): s is Extract<PageStep, { op: 'deskew' }> => s.op === 'deskew');
    if (!t.blank && t.angle !== 0 && deskew) errors.push(Math.abs(deskew.angle - t.angle));
    if (!t.blank && !path.basename(t.file).includes('one-line')) {
      const rotate = steps.find((s): s is Extract<PageStep, { op: 'rotate' }> => s.op === 'rotate' && s.reason === 'orientation');
      orientTotal++;
      if ((rotate?.degrees ?? 0) === (360 - t.turn) % 360) orientRight++;
    }
    const saidBlank = page.flags.blank === true;
    if (saidBlank && t.blank) blank.tp++;
    else if (saidBlank) blank.fp++;
    else if (t.blank) blank.fn++;
    const target = typeof page.flags.duplicateOf === 'string' ? page.flags.duplicateOf : null;
    const right = target !== null && t.repeats !== null && groupOfPage.get(target) === group(i);
    if (right) dup.tp++;
    else if (target !== null) dup.fp++;
    if (t.repeats !== null && !right) dup.fn++;
  });
  const ratio = (a: number, b: number) => (b === 0 ? 1 : round(a / b, 3));
  return {
    deskewPages: errors.length,
    deskewMeanErrorDeg: round(errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length), 3),
    deskewMaxErrorDeg: round(Math.max(0, ...errors), 3),
    deskewWithin0_3Deg: `${errors.filter((e) => e <= 0.3).length}/${errors.length}`,
    orientationCorrect: `${orientRight}/${orientTotal}`,
    blankPages: blank.tp + blank.fn,
    blankPrecision: ratio(blank.tp, blank.tp + blank.fp),
    blankRecall: ratio(blank.tp, blank.tp + blank.fn),
    duplicatePages: dup.tp + dup.fn,
    duplicatePrecision: ratio(dup.tp, dup.tp + dup.fp),
    duplicateRecall: ratio(dup.tp, dup.tp + dup.fn),
  };
}

/** The same files through `convert`, one process per core, one thread each (as our workers). */
async function imageMagick(
  pages: readonly TruePage[],
  dir: string,
  note: (s: string) => void,
): Promise<{ pages: number; perMinute: number; cpuPerPage: number | null } | null> {
  try {
    await run('convert', ['-version']);
  } catch {
    return null;
  }
  await mkdir(dir, { recursive: true });
  note(`ImageMagick on ${pages.length} of the same pages…`);
  const env = { ...process.env, MAGICK_THREAD_LIMIT: '1', OMP_THREAD_LIMIT: '1' };
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const i = next++;
      const out = path.join(dir, `${i}.jpg`);
      await run('convert', [pages[i]!.file, '-background', '#1c1c1e', '-deskew', '40%', '-fuzz', '25%', '-trim', '+repage', '-quality', '90', '-sampling-factor', '4:4:4', out], { env });
      await run('convert', [out, '-thumbnail', '320x', path.join(dir, `${i}-thumb.jpg`)], { env });
    }
  };
  const cpu0 = await childCpuSeconds();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(os.availableParallelism(), pages.length)) }, worker));
  const perMinute = (pages.length / ((performance.now() - t0) / 1000)) * 60;
  const cpu1 = await childCpuSeconds();
  return { pages: pages.length, perMinute, cpuPerPage: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / pages.length };
}

/** CPU seconds of this process's finished children (Linux /proc), or null where that is not known. */
async function childCpuSeconds(): Promise<number | null> {
  try {
    const stat = await readFile('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat (cutime, cstime), counted from the state field at index 0 here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
