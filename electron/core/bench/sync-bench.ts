import { spawn, type ChildProcess } from 'node:child_process';
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
import type { VerifyMode } from '../sync/s3-target';
import { syncOnce } from '../sync/sync-engine';
import { parseTargetUri } from '../sync/target-spec';
import { closeBatch } from '../transfer/close-batch';
import { packageTransfer } from '../transfer/package-transfer';
import { getTransfer, loadPlan, moveTransfer } from '../transfer/transfer-store';
import { mapLimit } from '../util/map-limit';
import type { BenchFigures } from './import-bench';
import { writeMixedSet } from './synthetic-pages';

const CONCURRENCY = 4;
const ROUNDS = 3;

/** s3rver in its own process, so the server does not share the sender's event loop. */
export async function startS3rver(directory: string): Promise<{ endpoint: string; child: ChildProcess }> {
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
 * files to the same server in the same run, in alternating rounds (medians, so a busy moment on
 * a shared machine does not decide the ratio). The sync does what the plain client skips: the
 * ledger, verifying every object against the server's checksum, the commit marker last.
 * Packaging (四性检测, manifests) is timed on its own, and one more round reads every object
 * back in full (the `content` verification) for comparison.
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
      await closeBatch(ctx, batch.id, { looseReason: 'bench pages, not sorted into items' });

      note('packaging (四性检测, metadata, manifests)…');
      const t0 = performance.now();
      if (!(await packageTransfer(ctx, batch.id)).ok) throw new Error('bench batch failed its checks');
      const packagingSeconds = (performance.now() - t0) / 1000;
      const plan = loadPlan(ctx.db, batch.id)!;
      const bytes = plan.files.reduce((n, f) => n + f.size, 0);

      const plainClient = createS3Client({ kind: 's3', bucket: 'plain', prefix: '', endpoint: server.endpoint, region: null, pathStyle: true });
      const plainRun = async (prefix: string) => {
        const t = performance.now();
        await mapLimit(plan.files, CONCURRENCY, (f) =>
          plainClient.send(new PutObjectCommand({
            Bucket: 'plain', Key: `${prefix}/${f.path}`, ContentLength: f.size, Body: ctx.blobs.stream(f.sha256),
          })),
        );
        return (performance.now() - t) / 1000;
      };
      // Each round sends the whole bag again to a new prefix (a new target): the re-send the
      // state machine allows after an acknowledgement mismatch.
      const syncRun = async (prefix: string, verify: VerifyMode) => {
        if (getTransfer(ctx.db, batch.id)?.state === 'uploaded') ctx.db.transaction(() => moveTransfer(ctx.db, 'bench', batch.id, 'uploading'))();
        const target = openTarget(parseTargetUri(`s3://sync/${prefix}`, { endpoint: server.endpoint }), { verify });
        try {
          const t = performance.now();
          const report = await syncOnce(ctx, { target, force: true, concurrency: CONCURRENCY });
          if (report.sent.length !== 1 || report.errors.length > 0) throw new Error(`bench sync failed: ${JSON.stringify(report.errors)}`);
          return (performance.now() - t) / 1000;
        } finally {
          target.close();
        }
      };

      note(`${ROUNDS} rounds, alternating: plain S3 client, then hpf-desk sync — ${plan.files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB each…`);
      const plain: number[] = [];
      const synced: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        plain.push(await plainRun(`r${round}`));
        synced.push(await syncRun(`r${round}`, 'checksum'));
      }
      note('once more with every object read back in full (--verify content)…');
      const contentSeconds = await syncRun('content', 'content');
      plainClient.destroy();
      const plainSeconds = median(plain);
      const syncSeconds = median(synced);
      const mb = bytes / 1024 / 1024;
      return {
        pages,
        files: plan.files.length,
        megabytes: round1(mb),
        packagingSeconds: round1(packagingSeconds),
        plainSeconds: round1(plainSeconds),
        syncSeconds: round1(syncSeconds),
        plainMBps: round1(mb / plainSeconds),
        syncMBps: round1(mb / syncSeconds),
        throughputRatio: round2(plainSeconds / syncSeconds),
        goal: '≥ 0.9',
        contentVerifySeconds: round1(contentSeconds),
        contentVerifyRatio: round2(plainSeconds / contentSeconds),
      };
    } finally {
      await ctx.close();
    }
  } finally {
    server.child.kill();
    await rm(root, { recursive: true, force: true });
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
