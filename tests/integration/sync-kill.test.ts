import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readStoreDb } from '../helpers/store-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBag } from '../helpers/bagit';
import { CentralArchive } from '../helpers/central-archive';
import { json, runCli } from '../helpers/run-cli';
import { replayableRandom } from '../helpers/replay-seed';
import { BUCKET, CREDENTIALS, TestS3Server } from '../helpers/s3-server';
import { queuedStoreTemplate, writeSyncFixtures } from '../helpers/sync-store';

const GROUPS = 4;
const RUNS_PER_GROUP = 8;

let root: string;
let template: string;
let server: TestS3Server;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hpf-sync-kill-'));
  server = await TestS3Server.start();
  // Seven small pages and one large original that goes in two parts.
  template = await queuedStoreTemplate(path.join(root, 'template'), await writeSyncFixtures(path.join(root, 'in'), 6));
}, 120_000);

afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

interface PlannedFile { path: string; sha256: string }

/** What the killed process left in its store: the transfer's state and its frozen bag, if any. */
async function readStore(data: string): Promise<{ batchId: string; state: string; files: PlannedFile[] }> {
  const db = await readStoreDb(data);
  try {
    const t = db.prepare('SELECT batch_id AS batchId, state FROM transfers').get() as { batchId: string; state: string };
    const files = db.prepare('SELECT path, sha256 FROM transfer_files ORDER BY ord').all() as PlannedFile[];
    return { ...t, files };
  } finally {
    db.close();
  }
}

describe('sync survives SIGKILL at random points', () => {
  it(`${GROUPS * RUNS_PER_GROUP} kills, then resume: every object exactly once and verified, nothing marked uploaded or committed early`, async () => {
    const env = { ...CREDENTIALS };
    const args = (data: string, prefix: string, bandwidth = '4M') => [
      'sync', '--once', '--target', `s3://${BUCKET}/${prefix}`, '--endpoint', server.endpoint,
      '--part-size-mb', '5', '--bandwidth', bandwidth, '--data', data, '--json',
    ];
    const fresh = async (name: string) => {
      const data = path.join(root, name);
      await cp(template, data, { recursive: true });
      return data;
    };

    // How long starting up takes, to aim the kills at the transfer that follows. The bandwidth cap
    // stretches the transfer over a few seconds, so each killed run does only part of it and the
    // kills walk through the whole protocol: packaging, parts, read-backs, tag files, commit.
    const t0 = performance.now();
    await runCli(['sync', '--status', '--data', await fresh('probe'), '--json'], { env });
    const startupMs = performance.now() - t0;

    const { seed, rand } = replayableRandom('SYNC_KILL_SEED');
    const killed: number[] = [];
    for (let group = 0; group < GROUPS; group++) {
      const prefix = `kill-${group}`;
      const data = await fresh(prefix);
      for (let run = 0; run < RUNS_PER_GROUP; run++) {
        const delay = Math.round(startupMs * 0.9 + rand() * 800);
        const r = await runCli(args(data, prefix), { env, killAfterMs: delay });
        if (r.signal === 'SIGKILL') killed.push(delay);
        const where = `seed ${seed}, group ${group}, run ${run}, killed after ${delay} ms`;

        const { batchId, state, files } = await readStore(data);
        if (files.length === 0) continue;
        const base = `${prefix}/bags/`;
        const key = (p: string) => `${base}${batchId}/${p}`;
        // Nothing was sent twice so far.
        for (const [k, n] of server.createdUnder(base)) expect(n, `${where}: ${k}`).toBe(1);
        // The commit marker is there only if the whole bag is, and "uploaded" only with the marker.
        const committed = server.contentHash(key('tagmanifest-sha256.txt')) !== null;
        if (committed || state === 'uploaded') {
          expect(server.exactlyOnceProblems(`${base}${batchId}/`, files), where).toEqual([]);
        }
      }
      const final = await runCli(args(data, prefix, '0'), { env });
      expect(final.code, final.stderr).toBe(0);
      const { batchId, state, files } = await readStore(data);
      expect(state).toBe('uploaded');
      expect(server.exactlyOnceProblems(`${prefix}/bags/${batchId}/`, files), `seed ${seed}, group ${group}`).toEqual([]);
      expect(json<{ pending: number }>(final).pending).toBe(1);
    }
    expect(killed.length, `seed ${seed}: most runs must really be killed`).toBeGreaterThanOrEqual((GROUPS * RUNS_PER_GROUP) / 2);

    // The central side can read what arrived as a valid bag.
    const central = new CentralArchive(server.endpoint, 'kill-0/');
    try {
      const dir = path.join(root, 'received');
      await central.download((await readStore(path.join(root, 'kill-0'))).batchId, dir);
      expect(await validateBag(dir)).toEqual({ valid: true, problems: [] });
    } finally {
      central.close();
    }
  }, 300_000);
});
