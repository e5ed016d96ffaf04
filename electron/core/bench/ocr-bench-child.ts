import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { OcrProcessPool } from '../ocr/ocr-process-pool';
import type { BenchRunReply, BenchRunRequest } from './ocr-bench-protocol';

/*
 * One measured OCR run in a process of its own, so its peak memory is its own: the parent
 * (ocr-bench.ts) sends what to read and how, this process reads every page and answers with
 * the texts, the wall and CPU time of the timed part, and its peak resident memory.
 */

async function runEngine(request: BenchRunRequest): Promise<BenchRunReply> {
  if (request.engine === 'native') return runNative(request);
  // The production path: the engines' threads in a host process of their own.
  const pool = new OcrProcessPool({ workers: request.workers, threads: request.threads });
  let hostPeakKb = 0;
  const poll = setInterval(() => void peakOf(pool.pid).then((kb) => (hostPeakKb = Math.max(hostPeakKb, kb))), 50);
  const read = (file: string) =>
    pool.run({ engine: request.engine as 'ppocr' | 'tesseract', image: file, dpi: null, options: { deskew: true } }).then((r) => {
      if (!r.ok) throw new Error(`${file}: ${r.error}`);
      return r.result.text;
    });
  try {
    // Models load on a worker's first page: one page per worker first, untimed.
    await Promise.all(request.files.slice(0, request.workers).map((f) => read(f.path)));
    const hostCpu0 = await hostCpuSeconds(pool.pid);
    const reply = await timed(request, read);
    const hostCpu = (await hostCpuSeconds(pool.pid)) - hostCpu0;
    hostPeakKb = Math.max(hostPeakKb, await peakOf(pool.pid));
    // The reading is done by both processes: this one hands out the pages, the host reads them.
    return { ...reply, cpuSeconds: (reply.cpuSeconds ?? 0) + hostCpu, peakRssMB: reply.peakRssMB + Math.round(hostPeakKb / 1024) };
  } finally {
    clearInterval(poll);
    await pool.close();
  }
}

/** The native tesseract CLI, one single-threaded process per worker (OpenMP thrashes on 2 cores). */
async function runNative(request: BenchRunRequest): Promise<BenchRunReply> {
  let peakKb = 0;
  const read = async (file: string): Promise<string> => {
    const meta = await sharp(file).metadata();
    const dpi = meta.density && meta.density > 1 ? Math.round(meta.density) : 300;
    const args = [file, 'stdout', '-l', 'chi_sim+eng', '--psm', '3', '--dpi', String(dpi), '--tessdata-dir', request.tessdata!];
    const child = spawn('tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // The kernel keeps each process's peak resident size (VmHWM) until it exits.
    const poll = setInterval(() => void peakOf(child.pid).then((kb) => (peakKb = Math.max(peakKb, kb))), 50);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    clearInterval(poll);
    if (code !== 0) throw new Error(`tesseract ${file}: exit ${code}: ${err.trim()}`);
    return out;
  };
  const reply = await timed(request, read);
  return { ...reply, cpuSeconds: null, peakRssMB: Math.round(peakKb / 1024) };
}

/** CPU seconds a live process has used (utime + stime from /proc/PID/stat). */
async function hostCpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function peakOf(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Read every page with `workers` in flight; time and CPU cover only this part. */
async function timed(request: BenchRunRequest, read: (file: string) => Promise<string>): Promise<BenchRunReply> {
  const texts: Record<string, string> = {};
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: request.workers }, async () => {
      while (next < request.files.length) {
        const file = request.files[next++]!;
        texts[file.key] = await read(file.path);
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return {
    texts,
    wallSeconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

process.once('message', (request: BenchRunRequest) => {
  runEngine(request).then(
    (reply) => process.send!({ ok: true, reply }, () => process.exit(0)),
    (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
  );
});
