import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CentreBucket } from '../central/bucket';
import { writeNewKeyFile } from '../central/centre-keys';
import { openCatalogue } from '../central/open-catalogue';
import { importPaths } from '../import/import-paths';
import { openCoreContext } from '../open-core';
import { createBatch } from '../store/repo/batches';
import { createS3Client } from '../sync/s3-client';
import { openTarget } from '../sync/open-target';
import { syncOnce } from '../sync/sync-engine';
import { parseTargetUri } from '../sync/target-spec';
import { closeBatch } from '../transfer/close-batch';
import { mapLimit } from '../util/map-limit';
import { postgresMissing, startPostgres, type LocalPostgres } from './postgres-server';
import type { BenchFigures } from './import-bench';
import { asStation } from './station-variants';
import { startS3rver } from './sync-bench';
import { writeMixedSet } from './synthetic-pages';

const BAGS = 24;

/**
 * Bags received and acknowledged per minute by one `central watch` process and by two, on the
 * same machine, server (s3rver in its own process) and bags, with the catalogue in SQLite and in
 * PostgreSQL (a local server with fsync on, as a centre's; skipped where Debian's postgresql is
 * not installed): one real station batch of `pages` pages, sent as 24 stations' bags under one
 * prefix per run. Timed from the receivers' start to the last acknowledgement in the catalogue,
 * so their start-up counts (as it does for a restart).
 */
export async function centralBench(pages = 40, note: (s: string) => void = () => undefined): Promise<BenchFigures> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-bench-central-'));
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  const { endpoint, child: s3rver } = await startS3rver(path.join(root, 's3'));
  let postgres: LocalPostgres | null = null;
  try {
    note(`one station batch of ${pages} pages…`);
    await writeMixedSet(path.join(root, 'in'), pages);
    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'bench', workers: 1 });
    const batch = createBatch(ctx.db, ctx.actor, { name: 'bench', kind: 'backfile', business: null });
    await importPaths(ctx, batch.id, [path.join(root, 'in')]);
    await closeBatch(ctx, batch.id, { looseReason: 'bench pages, not sorted into items' });
    const station = openTarget(parseTargetUri('s3://sync/template', { endpoint }));
    await syncOnce(ctx, { target: station, force: true });
    station.close();
    await ctx.close();
    const bucket = new CentreBucket(parseTargetUri('s3://sync/template/', { endpoint }) as ConstructorParameters<typeof CentreBucket>[0]);
    const [committed] = await bucket.committedBags();
    if (!committed) throw new Error('the station did not commit its bag');
    const bag = await bucket.bagFiles(committed);
    bucket.close();
    const key = path.join(root, 'key.json');
    await writeNewKeyFile(key, 'ed25519');
    const client = createS3Client(parseTargetUri('s3://sync/', { endpoint }) as Parameters<typeof createS3Client>[0]);
    const figures: Record<string, number | string> = { bags: BAGS, 'files per bag': bag.size };
    if (postgresMissing === null) postgres = await startPostgres({ durable: true });
    else note(`PostgreSQL skipped: ${postgresMissing}`);
    const catalogues: Array<{ name: string; make: (run: string) => Promise<string> }> = [
      { name: 'SQLite', make: async (run) => path.join(root, `catalogue-${run}.sqlite`) },
      ...(postgres ? [{ name: 'PostgreSQL', make: postgres.database }] : []),
    ];
    for (const { name, make } of catalogues) {
      for (const receivers of [1, 2]) {
        const run = `${name.toLowerCase()}-${receivers}`;
        const prefix = `${run}/`;
        note(`uploading ${BAGS} bags for ${receivers} receiver(s), ${name} catalogue…`);
        await mapLimit(Array.from({ length: BAGS }, (_, i) => i), 4, async (i) => {
          const files = asStation(bag, `S_BENCH${String(i).padStart(3, '0')}`);
          const base = `${prefix}station-${i}/bags/${committed.batchId}/`;
          for (const [p, bytes] of files) if (p !== 'tagmanifest-sha256.txt') await client.send(new PutObjectCommand({ Bucket: 'sync', Key: base + p, Body: bytes }));
          await client.send(new PutObjectCommand({ Bucket: 'sync', Key: `${base}tagmanifest-sha256.txt`, Body: files.get('tagmanifest-sha256.txt') }));
        });
        const where = await make(run);
        const catalogue = await openCatalogue(where);
        const started = performance.now();
        const children = Array.from({ length: receivers }, () =>
          spawn(process.execPath, [process.argv[1]!, 'central', 'watch', '--bucket', 'sync', '--prefix', prefix, '--endpoint', endpoint, '--key', key, '--catalogue', where, '--poll-ms', '200', '--data', root], { stdio: 'ignore' }),
        );
        try {
          while ((await catalogue.receipts()).length < BAGS) await new Promise((r) => setTimeout(r, 100));
        } finally {
          for (const c of children) c.kill('SIGTERM');
          await catalogue.close();
        }
        const minutes = (performance.now() - started) / 60_000;
        figures[`bags/min, ${receivers} receiver${receivers > 1 ? 's' : ''}, ${name}`] = Math.round(BAGS / minutes);
        note(`${receivers} receiver(s), ${name}: ${BAGS} bags in ${(minutes * 60).toFixed(1)} s`);
      }
    }
    client.destroy();
    return figures;
  } finally {
    await postgres?.stop();
    s3rver.kill();
    await rm(root, { recursive: true, force: true });
  }
}
