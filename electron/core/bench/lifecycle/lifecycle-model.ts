import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as FC from 'fast-check';
import { DeskError } from '../../errors';
import { importPaths } from '../../import/import-paths';
import { BlobStore } from '../../files/blob-store';
import { objectKeys } from '../../files/object-cipher';
import { DATABASE_FILE } from '../../open-core';
import type { MediaPool } from '../../media/media-pool';
import { trashPages, restorePages } from '../../pages/page-ops';
import { rotatePage } from '../../pages/rotate-page';
import { defaultKekSources } from '../../store/keys/default-sources';
import { deriveKey } from '../../store/keys/store-key-record';
import { openDatabase, type Db } from '../../store/open-database';
import { openStore } from '../../store/open-store';
import { createBatch } from '../../store/repo/batches';
import { ensureStation } from '../../store/repo/station';
import { openTarget } from '../../sync/open-target';
import { syncOnce } from '../../sync/sync-engine';
import { writeSyncSettings } from '../../sync/sync-settings';
import { parseTargetUri } from '../../sync/target-spec';
import { closeBatch } from '../../transfer/close-batch';
import { verifyStore } from '../../verify/verify-store';
import { syntheticPng, type PageSize } from '../synthetic-pages';
import { generateSigningKeys } from '../../trust/signing';
import { openFolderCentre, provisionStation, type FolderCentre } from './folder-centre';
import { liveObjectProblems } from './live-objects';

/** Small pages: the steps exercise the store's bookkeeping, not the decoders' speed. */
const PAGE: PageSize = { width: 400, height: 566, dpi: 75 };

/**
 * A station under test: its store, the USB folder it sends to, and the files a clerk re-imports.
 * The media workers are shared by all runs (starting them is most of a short run's time).
 */
export interface Station {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly pool: MediaPool;
  readonly actor: string;
  readonly emit: () => void;
  readonly dataDir: string;
  readonly folder: string;
  /** The centre's receiver on the folder, acknowledging what reaches it; the station is provisioned with its key. */
  readonly centre: FolderCentre;
  readonly contents: readonly string[];
  /**
   * The second writer: the built `hpf-desk` entry run beside the app, or (null) a second
   * connection to the same store in this process, which costs no process start.
   */
  readonly cli: string | null;
  readonly second: Db;
  close(): Promise<void>;
}

/** Distinct scans, written once and imported again and again (the same bytes into other batches). */
export async function writeContents(dir: string, count = 2): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `扫描件-${i + 1}.png`);
    await writeFile(file, await syntheticPng(100 + i, PAGE));
    files.push(file);
  }
  return files;
}

export async function openStation(root: string, pool: MediaPool, contents: readonly string[], cli: string | null): Promise<Station> {
  const dataDir = path.join(root, 'data');
  const folder = path.join(root, 'usb');
  await mkdir(folder, { recursive: true });
  // The user's key file, as the CLI (the other writer) opens the same store with it.
  const { db, dataKey, crypto } = await openStore(dataDir, defaultKekSources());
  const blobs = new BlobStore(dataDir, objectKeys(dataKey, crypto));
  await blobs.init();
  ensureStation(db, { name: '测试网点', fonds: 'J017' });
  const centre = openFolderCentre(folder, path.join(root, 'catalogue.sqlite'), generateSigningKeys('ed25519'));
  provisionStation(db, centre.keys, { uri: pathToFileURL(folder).href, endpoint: null, region: null });
  const second = openDatabase(path.join(dataDir, DATABASE_FILE), { key: deriveKey(dataKey, 'sqlite') });
  const close = async () => {
    await centre.close();
    second.close();
    db.close();
    await blobs.dispose();
  };
  return { db, blobs, pool, actor: 'archivist', emit: () => undefined, dataDir, folder, centre, contents, cli, second, close };
}

type Step = FC.AsyncCommand<object, Station>;

const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);
/** The model's batches are backfile batches whose pages stay loose (unsorted), handed over as they are. */
const LOOSE = { looseReason: '存量扫描，未分件，原样移交' } as const;
const ids = (s: Station, sql: string): string[] => s.db.prepare(sql).pluck().all() as string[];
const openBatches = (s: Station) => ids(s, "SELECT id FROM batches WHERE state = 'open' ORDER BY rowid");
const livePages = (s: Station, trashed: boolean) =>
  ids(
    s,
    `SELECT p.id FROM pages p JOIN batches b ON b.id = p.batch_id WHERE b.state = 'open'
     AND p.id ${trashed ? '' : 'NOT'} IN (SELECT page_id FROM page_trash) ORDER BY p.rowid`,
  );

function batchFor(s: Station, into: number | null): string {
  const existing = into === null ? undefined : pick(openBatches(s), into);
  return existing ?? createBatch(s.db, s.actor, { name: `批次 ${Date.now()}-${Math.random()}`, kind: 'backfile', business: null }).id;
}

/** After every step: the store verifies and every object a live row needs is there, whole. */
async function expectSound(s: Station, after: string): Promise<void> {
  const report = await verifyStore(s.db, s.blobs);
  const live = await liveObjectProblems(s.db, s.blobs);
  if (!report.ok || live.length > 0) {
    throw new Error(`after ${after}: verify ${JSON.stringify(report.problems)}; live objects ${JSON.stringify(live)}`);
  }
}

async function sync(s: Station, retainDays: number | null): Promise<void> {
  const target = openTarget(parseTargetUri(pathToFileURL(s.folder).href));
  try {
    writeSyncSettings(s.db, { retainDays });
    const report = await syncOnce(s, { target, force: true });
    // A bag the centre rejected is sent again in the same pass, and the pass reports why: that is the station doing its job.
    const failed = report.errors.filter((e) => !(e.code === 'ack_mismatch' && e.batchId !== null && report.sent.includes(e.batchId)));
    if (failed.length > 0) throw new Error(`sync to a local folder failed: ${JSON.stringify(failed)}`);
  } finally {
    writeSyncSettings(s.db, { retainDays: null });
    target.close();
  }
}

/**
 * The centre receives the bag of `batchId`. A station that keeps its store sound sends only bags
 * the centre accepts, so a rejection fails the run (with the centre's reason).
 */
async function acknowledge(s: Station, batchId: string): Promise<void> {
  const receipt = await s.centre.acknowledge(batchId);
  if (receipt?.status === 'rejected') throw new Error(`the centre rejected ${batchId}: ${receipt.reason}`);
}

/** The second writer imports into the same store. */
function secondImport(s: Station, file: string, batchId: string): Promise<unknown> {
  return s.cli ? cliImport(s, file, batchId) : importPaths({ ...s, db: s.second, actor: 'cli' }, batchId, [file]);
}

/** The `hpf-desk` beside the app, on the same store. */
function cliImport(s: Station, file: string, batchId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [s.cli!, 'import', file, '--batch', batchId, '--data', s.dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`hpf-desk import exited ${code}: ${out}`))));
  });
}

/** A step that acts on the station as it is, choosing among real rows by index. */
function step(name: string, act: (s: Station) => Promise<unknown>): Step {
  return {
    check: () => true,
    run: async (_model, s) => {
      try {
        await act(s);
      } catch (err) {
        // Refusals a user would see (a filed page, a batch already queued) are outcomes, not failures.
        if (!(err instanceof DeskError)) throw err;
      }
      await expectSound(s, name);
    },
    toString: () => name,
  };
}

/** Each step, by what it does; `into` is an open batch by index, or null for a new batch. */
export const steps = {
  import: (c: number, into: number | null): Step =>
    step(`import(${c} → ${into ?? 'new'})`, (s) => importPaths(s, batchFor(s, into), [s.contents[c]!])),
  /** The second writer (the CLI beside the app) imports into the same store. */
  secondImport: (c: number, into: number | null): Step =>
    step(`second-import(${c} → ${into ?? 'new'})`, async (s) => {
      const batchId = batchFor(s, into);
      await secondImport(s, s.contents[c]!, batchId);
    }),
  /** The second writer imports while the app purges: the race item 1 of issue 11 is about. */
  secondImportRacingPurge: (c: number, into: number | null): Step =>
    step(`second-import-racing-purge(${c} → ${into ?? 'new'})`, async (s) => {
      const batchId = batchFor(s, into);
      const file = s.contents[c]!;
      await Promise.all([secondImport(s, file, batchId), sync(s, 0)]);
    }),
  close: (i: number): Step =>
    step(`close(${i})`, async (s) => {
      const b = pick(openBatches(s), i);
      if (b) await closeBatch(s, b, LOOSE);
    }),
  sync: (): Step => step('sync', (s) => sync(s, null)),
  acknowledge: (i: number): Step =>
    step(`acknowledge(${i})`, async (s) => {
      // The centre can only acknowledge what arrived: send what is queued first.
      await sync(s, null);
      const b = pick(ids(s, "SELECT batch_id FROM transfers WHERE state = 'uploaded' ORDER BY rowid"), i);
      if (b) await acknowledge(s, b);
    }),
  /** What a clerk does at the end of the day: close, send, and the centre acknowledges it. */
  handOver: (i: number): Step =>
    step(`hand-over(${i})`, async (s) => {
      const b = pick(openBatches(s), i);
      if (!b) return;
      await closeBatch(s, b, LOOSE);
      await sync(s, null);
      if (ids(s, "SELECT batch_id FROM transfers WHERE state = 'uploaded'").includes(b)) await acknowledge(s, b);
    }),
  /** A sync pass whose retention has run out for everything acknowledged. */
  purge: (): Step => step('purge', (s) => sync(s, 0)),
  rotate: (i: number): Step =>
    step(`rotate(${i})`, async (s) => {
      const p = pick(livePages(s, false), i);
      if (p) await rotatePage(s.db, s.blobs, s.actor, p, 90);
    }),
  trash: (i: number): Step =>
    step(`trash(${i})`, async (s) => {
      const p = pick(livePages(s, false), i);
      if (p) trashPages(s.db, s.actor, [p], '重复扫描');
    }),
  restore: (i: number): Step =>
    step(`restore(${i})`, async (s) => {
      const p = pick(livePages(s, true), i);
      if (p) restorePages(s.db, s.actor, [p]);
    }),
};

/** The steps, weighted so short sequences often reach purge and a re-import after it. */
export function lifecycleSteps(fc: typeof FC): FC.Arbitrary<Step> {
  const content = fc.nat(1);
  const into = fc.option(fc.nat(3), { freq: 2 });
  const index = fc.nat(7);
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(content, into).map(([c, i]) => steps.import(c, i)) },
    { weight: 2, arbitrary: fc.tuple(content, into).map(([c, i]) => steps.secondImportRacingPurge(c, i)) },
    { weight: 1, arbitrary: fc.tuple(content, into).map(([c, i]) => steps.secondImport(c, i)) },
    { weight: 6, arbitrary: index.map(steps.handOver) },
    { weight: 2, arbitrary: index.map(steps.close) },
    { weight: 2, arbitrary: fc.constant(null).map(steps.sync) },
    { weight: 2, arbitrary: index.map(steps.acknowledge) },
    { weight: 6, arbitrary: fc.constant(null).map(steps.purge) },
    { weight: 2, arbitrary: index.map(steps.rotate) },
    { weight: 2, arbitrary: index.map(steps.trash) },
    { weight: 2, arbitrary: index.map(steps.restore) },
  );
}

/** Run fixed steps on a station (a replayed or hand-written sequence); the caller closes it. */
export async function runSteps(fc: typeof FC, station: Station, sequence: readonly Step[]): Promise<void> {
  await fc.asyncModelRun(() => ({ model: {}, real: station }), sequence);
}

/**
 * The property: any sequence of steps on a fresh station keeps it sound after every step.
 * `newStation` makes the station of one run (fresh directories each time, so runs replay alone).
 */
export function lifecycleProperty(fc: typeof FC, newStation: () => Promise<Station>, maxCommands: number) {
  return fc.asyncProperty(fc.commands([lifecycleSteps(fc)], { maxCommands, size: 'max' }), async (sequence) => {
    const station = await newStation();
    try {
      await runSteps(fc, station, [...sequence]);
    } finally {
      await station.close();
    }
  });
}
