import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { importPaths } from '../import/import-paths';
import { openCoreContext } from '../open-core';
import { createBatch } from '../store/repo/batches';
import { createS3Client } from '../sync/s3-client';
import { openTarget } from '../sync/open-target';
import { syncOnce } from '../sync/sync-engine';
import { parseTargetUri } from '../sync/target-spec';
import { closeBatch } from '../transfer/close-batch';
import { packageTransfer } from '../transfer/package-transfer';
import { loadPlan } from '../transfer/transfer-store';
import { mapLimit } from '../util/map-limit';
import type { BenchFigures } from './import-bench';
import { writeMixedSet } from './synthetic-pages';

const CONCURRENCY = 4;

/** s3rver in its own process, so the server does not share the sender's event loop. */
async function startS3rver(directory: string): Promise<{ endpoint: string; child: ChildProcess }> {
  let s3rverPath: string;
  try {
    s3rverPath = createRequire(import.meta.url).resolve('s3rver');
  } catch {
    throw new Error('bench sync needs s3rver (a dev dependency): run npm install');
  }
  const code = `
    const { default: S3rver } = await import(process.argv[1]);
    const server = new S3rver({ address: '127.0.0.1', port: 0, directory: process.argv[2], silent: true,
      configureBuckets: [{ name: 'plain' }, { name: 'sync' }] });
    const { port } = await server.run();
    process.stdout.write(JSON.stringify({ port }) + '\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, pathToFileURL(s3rverPath).href, directory], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
    child.once('exit', (c) => reject(new Error(`s3rver exited with ${c}`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, child };
}

/**
 * Sync throughput for one batch of `pages` A4 pages against a plain S3 client putting the same
 * files to the same server in the same run. The sync includes what the plain client skips: the
 * ledger commits and reading every object back to verify it. Packaging (四性检测, manifests) is
 * timed on its own.
 */
export async function syncBench(pages = 200, note: (s: string) => void = () => undefined): Promise<BenchFigures> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-bench-sync-'));
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  const server = await startS3rver(path.join(root, 's3'));
  try {
    note(`generating and importing ${pages} A4 300 dpi pages…`);
    const inputDir = path.join(root, 'in');
    await writeMixedSet(inputDir, pages);
    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'bench' });
    try {
      const batch = createBatch(ctx.db, 'bench', { name: 'bench', kind: 'backfile', business: null });
      await importPaths(ctx, batch.id, [inputDir]);
      await closeBatch(ctx, batch.id);

      note('packaging (四性检测, metadata, manifests)…');
      let t0 = performance.now();
      if (!(await packageTransfer(ctx, batch.id)).ok) throw new Error('bench batch failed its checks');
      const packagingSeconds = (performance.now() - t0) / 1000;
      const plan = loadPlan(ctx.db, batch.id)!;
      const bytes = plan.files.reduce((n, f) => n + f.size, 0);

      const plainClient = createS3Client({ kind: 's3', bucket: 'plain', prefix: '', endpoint: server.endpoint, region: null, pathStyle: true });
      const plainRun = async (prefix: string) => {
        const t = performance.now();
        await mapLimit(plan.files, CONCURRENCY, (f) =>
          plainClient.send(new PutObjectCommand({
            Bucket: 'plain', Key: `${prefix}/${f.path}`, ContentLength: f.size, Body: createReadStream(ctx.blobs.pathOf(f.sha256)),
          })),
        );
        return (performance.now() - t) / 1000;
      };

      note(`plain S3 client: ${plan.files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB…`);
      const plainBefore = await plainRun('before');
      note('hpf-desk sync (send, read back, verify, commit)…');
      const target = openTarget(parseTargetUri('s3://sync/', { endpoint: server.endpoint }));
      t0 = performance.now();
      const report = await syncOnce(ctx, { target, force: true, concurrency: CONCURRENCY });
      const syncSeconds = (performance.now() - t0) / 1000;
      target.close();
      if (report.sent.length !== 1 || report.errors.length > 0) throw new Error(`bench sync failed: ${JSON.stringify(report.errors)}`);
      // The plain run again, so neither side alone profits from a warm cache or a busy moment.
      const plainAfter = await plainRun('after');
      plainClient.destroy();
      const plainSeconds = (plainBefore + plainAfter) / 2;
      const mb = bytes / 1024 / 1024;
      return {
        pages,
        files: plan.files.length,
        megabytes: round(mb),
        packagingSeconds: round(packagingSeconds),
        syncSeconds: round(syncSeconds),
        plainSeconds: round(plainSeconds),
        syncMBps: round(mb / syncSeconds),
        plainMBps: round(mb / plainSeconds),
        throughputRatio: Math.round((plainSeconds / syncSeconds) * 100) / 100,
        goal: '≥ 0.9',
      };
    } finally {
      await ctx.close();
    }
  } finally {
    server.child.kill();
    await rm(root, { recursive: true, force: true });
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;
