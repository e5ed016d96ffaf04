import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../electron/core/central/open-catalogue';
import { readKeyFile } from '../../electron/core/central/centre-keys';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { getTransfer } from '../../electron/core/transfer/transfer-store';
import { asStation } from '../../electron/core/bench/station-variants';
import { parseBagInfo } from '../../electron/core/transfer/bag-text';
import { openEnvelope, PAYLOAD_TYPES } from '../../electron/core/trust/signed-envelope';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { CLI, json, runCli } from '../helpers/run-cli';
import { postgresMissing, usePostgres } from '../helpers/postgres-server';
import { BUCKET, useS3Server } from '../helpers/s3-server';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const s3server = useS3Server();
const postgres = usePostgres();

interface Receiver {
  readonly child: ChildProcess;
  readonly done: Promise<void>;
  stderr: string;
}

/**
 * `count` stations' bags arrive under `area` while two to four receivers sharing `catalogueSpec`
 * are killed at random (SIGKILL) and started again; a kill follows a station's bag with the chance `killChance`.
 */
async function receiveWhileKilling(area: string, catalogueSpec: (root: string) => Promise<string>, count: number, killChance: number): Promise<void> {
  const root = await tempDir();
  const key = path.join(root, 'centre-key.json');
  const catalogueFile = await catalogueSpec(root);
  const stationPrefix = (s: number) => `${area}station-${String(s).padStart(2, '0')}/`;
  const keygen = await runCli(['central', 'keygen', '--key', key, '--data', root, '--json']);
  expect(keygen.code, keygen.stderr).toBe(0);
  const keys = await readKeyFile(key);
  expect(json<{ publicKey: string }>(keygen).publicKey).toBe(keys.publicKey);

  // One real station sends its batch over S3 to the receivers; the others send the same batch as theirs.
  const station = await storeWithQueuedBatch(root, await writeSyncFixtures(path.join(root, 'in')));
  provisionStation(station.ctx.db, keys, { uri: `s3://${BUCKET}/${stationPrefix(0).slice(0, -1)}`, endpoint: s3server().endpoint, region: null });
  const stationSync = async () => {
    const s3 = openTarget(parseTargetUri(`s3://${BUCKET}/${stationPrefix(0).slice(0, -1)}`, { endpoint: s3server().endpoint }));
    try {
      return await syncOnce(station.ctx, { target: s3, force: true });
    } finally {
      s3.close();
    }
  };

  const receivers: Receiver[] = [];
  const start = (): Receiver => {
    const child = spawn(process.execPath, [CLI, 'central', 'watch', '--bucket', BUCKET, '--endpoint', s3server().endpoint, '--key', key, '--catalogue', catalogueFile, '--prefix', area, '--poll-ms', '300', '--lease-ms', '1500', '--data', root], {
      env: process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const r: Receiver = { child, done: new Promise((resolve) => child.on('close', () => resolve())), stderr: '' };
    child.stderr!.on('data', (d: Buffer) => (r.stderr += d.toString()));
    receivers.push(r);
    return r;
  };
  const live = () => receivers.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  for (let i = 0; i < 3; i++) start();

  const central = new CentralArchive(s3server().endpoint, '');
  const first = new CentralArchive(s3server().endpoint, stationPrefix(0));
  let kills = 0;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  try {
    // Bags arrive one station after another (payload first, the marker last) while receivers die and come back.
    expect((await stationSync()).sent).toEqual([station.batchId]);
    const bag = (await first.bag(station.batchId))!;
    const realStationId = parseBagInfo(bag.get('bag-info.txt')!.toString('utf8')).get('Station-Id')!;
    for (let s = 1; s < count; s++) {
      const prefix = stationPrefix(s);
      const files = asStation(bag, `S_TEST${String(s).padStart(2, '0')}`);
      await Promise.all([...files].filter(([p]) => p !== 'tagmanifest-sha256.txt').map(([p, bytes]) => central.put(`${prefix}bags/${station.batchId}/${p}`, bytes)));
      await central.put(`${prefix}bags/${station.batchId}/tagmanifest-sha256.txt`, files.get('tagmanifest-sha256.txt')!);
      if (random() < killChance) {
        const running = live();
        const victim = running[Math.floor(random() * running.length)];
        if (victim) {
          victim.child.kill('SIGKILL');
          await victim.done;
          kills++;
        }
        while (live().length < 2 + Math.floor(random() * 3)) start();
      }
    }
    expect(kills).toBeGreaterThan(3);

    // Wait for the catalogue to hold every receipt (the receivers' own record of what they acknowledged).
    const catalogue = await openCatalogue(catalogueFile);
    try {
      const deadline = Date.now() + 60_000;
      let receipts = await catalogue.receipts();
      while (receipts.length < count && Date.now() < deadline) {
        // As a service manager would: a receiver that died is started again.
        while (live().length < 2) start();
        await new Promise((r) => setTimeout(r, 200));
        receipts = await catalogue.receipts();
      }
      // Kept only when it fails: what the receivers said last.
      if (receipts.length < count) console.log(receivers.map((r) => r.stderr.split('\n').filter((l) => !l.startsWith('✓')).slice(-5).join('\n')).join('\n---\n'));
      expect(receipts.map((r) => r.prefix)).toEqual(Array.from({ length: count }, (_, s) => stationPrefix(s)));
      expect(receipts.every((r) => r.status === 'accepted')).toBe(true);

      const made = new Set<string>();
      for (const r of receipts) {
        const ackKey = `${r.prefix}acks/${station.batchId}.json`;
        const bytes = (await central.read(ackKey))!;
        // The object is the one acknowledgement the catalogue recorded for this bag.
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.ackSha256);
        const opened = openEnvelope(bytes, PAYLOAD_TYPES.ack, keys);
        expect(opened.ok).toBe(true);
        const ack = JSON.parse((opened as { payload: Buffer }).payload.toString('utf8')) as { stationId: string; receivedAt: string; files: Record<string, string> };
        expect(ack.stationId).toBe(r.prefix === stationPrefix(0) ? realStationId : `S_TEST${r.prefix.slice(-3, -1)}`);
        expect(Object.keys(ack.files).length).toBe(bag.size);
        made.add(r.ackSha256);
        // Written again only by a receiver finishing a dead one's recorded acknowledgement (the same bytes).
        const writes = s3server().created.get(`${BUCKET}/${ackKey}`) ?? s3server().created.get(ackKey) ?? 0;
        const resumes = receivers.reduce((n, x) => n + x.stderr.split('\n').filter((l) => l.includes(`${r.prefix}${station.batchId}`) && l.includes('(resumed)')).length, 0);
        expect(writes).toBeGreaterThanOrEqual(1);
        expect(writes).toBeLessThanOrEqual(1 + resumes);
      }
      expect(made.size).toBe(count);
    } finally {
      await catalogue.close();
    }

    // The real station takes its acknowledgement from the real receiver.
    expect(await stationSync()).toMatchObject({ acknowledged: [station.batchId], errors: [] });
    expect(getTransfer(station.ctx.db, station.batchId)?.state).toBe('acknowledged');

    const stations = json<Array<{ stationId: string; bags: number }>>(await runCli(['central', 'stations', '--catalogue', catalogueFile, '--data', root, '--json']));
    expect(stations).toHaveLength(count);
  } finally {
    for (const r of live()) r.child.kill('SIGKILL');
    await Promise.all(receivers.map((r) => r.done));
    central.close();
    first.close();
    await station.ctx.close();
  }
}

describe('several reference receivers on one bucket, killed at random', () => {
  it('every bag of 20 stations is acknowledged exactly once, validly, none missing (SQLite catalogue, one host)', () => receiveWhileKilling('sqlite/', async (root) => path.join(root, 'catalogue.sqlite'), 20, 0.5), 240_000);

  // Fewer stations, a kill after each, to keep the run short: the leases are what is tested.
  it.skipIf(postgresMissing !== null)('the same on a PostgreSQL catalogue (receivers on several hosts)', () => receiveWhileKilling('pg/', async () => postgres().database(), 6, 1), 240_000);
  if (postgresMissing) it.skip(`PostgreSQL: ${postgresMissing}`, () => undefined);
});
