import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent, ScanSettings } from '../../shared/contract';
import { runScan } from '../../electron/core/capture/scan-session';
import { SaneDriver } from '../../electron/core/capture/sane/sane-driver';
import { parseSaneOptions } from '../../electron/core/capture/sane/sane-options';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { getPage, listPages } from '../../electron/core/store/repo/pages';
import { listSessions } from '../../electron/core/store/repo/scan-sessions';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { useTempDirs } from '../helpers/temp-dir';
import { faultyScanimage, saneTestConfig, scanimageWith } from '../helpers/sane-test-backend';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
let root: string;
const saved = { config: process.env.SANE_CONFIG_DIR, binary: process.env.HPF_DESK_SCANIMAGE };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hpf-sane-'));
  process.env.SANE_CONFIG_DIR = await saneTestConfig(root);
});
afterAll(async () => {
  process.env.SANE_CONFIG_DIR = saved.config;
  await rm(root, { recursive: true, force: true });
});
afterEach(async () => {
  if (saved.binary === undefined) delete process.env.HPF_DESK_SCANIMAGE;
  else process.env.HPF_DESK_SCANIMAGE = saved.binary;
  await Promise.all(open.splice(0).map((c) => c.close()));
});

// Low resolution: what is tested here is the device exchange, not the pixels.
const ADF: ScanSettings = {
  device: 'sane:test',
  source: 'adf',
  dpi: 75,
  mode: 'color',
  post: { deskew: true, cropBorders: true, orient: true, ocrWanted: true },
};

async function setup() {
  const ctx = await openCoreContext({ dataDir: path.join(await tempDir(), 'data'), actor: 'clerk', workers: 2 });
  open.push(ctx);
  const batch = createBatch(ctx.db, 'clerk', { name: 'feeder', kind: 'backfile', business: null });
  const events: CoreEvent[] = [];
  ctx.subscribe((e) => events.push(e));
  return { ctx, batch, events };
}

describe('SANE driver (scanimage, test backend)', () => {
  it('lists the test devices and reads sources, modes and resolutions from the device’s own options', async () => {
    const driver = new SaneDriver();
    expect((await driver.listDevices()).map((d) => d.uri)).toEqual(expect.arrayContaining(['sane:test:0', 'sane:test:1']));
    const caps = await driver.capabilities('test');
    expect(caps.sources).toEqual(['flatbed', 'adf']);
    expect(caps.modes).toEqual(['color', 'gray']);
    expect(caps.resolutions).toEqual(expect.arrayContaining([75, 150, 200, 300, 600, 1200]));
  });

  it('finds duplex however a backend spells it', () => {
    const words = parseSaneOptions('sane:x', '    --source Flatbed|ADF Front|ADF Back|ADF Duplex [Flatbed]\n    --mode Lineart|Gray|24bit Color [Gray]\n    --resolution 100|200|300|600dpi [300]\n');
    expect(words.capabilities).toMatchObject({ sources: ['flatbed', 'adf', 'adf-duplex'], modes: ['color', 'gray', 'bw'], resolutions: [100, 200, 300, 600] });
    expect(words.sourceArgs.get('adf-duplex')).toEqual(['--source=ADF Duplex']);
    const adfMode = parseSaneOptions('sane:y', '    --source Flatbed|Automatic Document Feeder [Flatbed]\n    --adf-mode Simplex|Duplex [Simplex]\n');
    expect(adfMode.sourceArgs.get('adf-duplex')).toEqual(['--source=Automatic Document Feeder', '--adf-mode=Duplex']);
  });

  it('scans a feeder batch: every page stored with the pipeline steps, streamed as it arrives', async () => {
    const { ctx, batch, events } = await setup();
    const result = await runScan(ctx, { batchId: batch.id, settings: ADF }, new AbortController().signal);
    expect(result).toMatchObject({ state: 'done', error: null, rejected: [], duplicates: [] });
    expect(result.imported).toHaveLength(10);

    const pages = listPages(ctx.db, batch.id);
    expect(pages.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const detail = getPage(ctx.db, pages[0]!.id)!;
    expect(detail.steps.map((s) => s.op)).toEqual(['decode', 'deskew', 'crop', 'rotate', 'colour', 'encode']);
    expect(detail.dpi).toBe(75);
    expect(pages[0]!.flags).toEqual({ lowDpi: true });
    // The test backend sends the same picture ten times: stored, and flagged as repeats of the first.
    for (const p of pages.slice(1)) expect(p.flags).toMatchObject({ duplicateOf: pages[0]!.id, duplicateMatch: 'exact' });
    // Each original carries its capture record, so the ten captures are ten distinct originals.
    const original = await ctx.blobs.read(pages[3]!.source.sha256);
    expect(original.toString('latin1')).toContain('"seq":4');
    expect(new Set(pages.map((p) => p.source.sha256)).size).toBe(10);

    const kinds = events.filter((e) => e.type.startsWith('scan.')).map((e) => e.type);
    expect(kinds[0]).toBe('scan.started');
    expect(kinds.filter((k) => k === 'scan.page')).toHaveLength(10);
    expect(kinds.at(-1)).toBe('scan.finished');
    expect(listSessions(ctx.db, batch.id)).toMatchObject([{ state: 'done', pages: 10, error: null }]);
    expect((await verifyStore(ctx.db, ctx.blobs)).ok).toBe(true);
  });

  it('a jam mid-batch keeps the pages before it; continuing adds the rest, nothing twice', async () => {
    const { ctx, batch } = await setup();
    process.env.HPF_DESK_SCANIMAGE = await faultyScanimage(root, 3, 'SANE_STATUS_JAMMED');
    const jammed = await runScan(ctx, { batchId: batch.id, settings: ADF }, new AbortController().signal);
    expect(jammed.state).toBe('failed');
    expect(jammed.error?.code).toBe('jammed');
    expect(jammed.error?.message).toMatch(/卡纸.*jam/);
    expect(jammed.imported).toHaveLength(3);
    expect(listSessions(ctx.db, batch.id)).toMatchObject([{ id: jammed.session, state: 'failed', pages: 3, error: { code: 'jammed' } }]);

    // The clerk clears the jam and feeds the 7 sheets left; the feeder runs empty after them.
    process.env.HPF_DESK_SCANIMAGE = await faultyScanimage(root, 7, 'SANE_STATUS_NO_DOCS');
    const rest = await runScan(ctx, { batchId: batch.id, continueSession: jammed.session }, new AbortController().signal);
    expect(rest).toMatchObject({ session: jammed.session, state: 'done', error: null });
    expect(rest.imported).toHaveLength(7);
    const seqs = ctx.db.prepare('SELECT seq FROM captured_files WHERE session_id = ? ORDER BY seq').pluck().all(jammed.session);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(listPages(ctx.db, batch.id)).toHaveLength(10);
    expect(listSessions(ctx.db, batch.id)).toMatchObject([{ state: 'done', pages: 10 }]);
  });

  it('an empty feeder, a busy or missing scanner and one that vanishes mid-batch each say what happened', async () => {
    const { ctx, batch } = await setup();
    const scan = (settings = ADF) => runScan(ctx, { batchId: batch.id, settings }, new AbortController().signal);

    process.env.HPF_DESK_SCANIMAGE = await faultyScanimage(root, 0, 'SANE_STATUS_NO_DOCS');
    expect(await scan()).toMatchObject({ state: 'failed', imported: [], error: { code: 'feeder_empty', message: expect.stringMatching(/没有纸张.*empty/) } });

    process.env.HPF_DESK_SCANIMAGE = await faultyScanimage(root, 0, 'SANE_STATUS_DEVICE_BUSY');
    expect(await scan()).toMatchObject({ state: 'failed', imported: [], error: { code: 'device_busy' } });

    process.env.HPF_DESK_SCANIMAGE = await faultyScanimage(root, 2, 'SANE_STATUS_IO_ERROR');
    const lost = await scan();
    expect(lost).toMatchObject({ state: 'failed', error: { code: 'device_lost' } });
    expect(lost.imported).toHaveLength(2);

    delete process.env.HPF_DESK_SCANIMAGE;
    expect(await scan({ ...ADF, device: 'sane:nosuch' })).toMatchObject({ state: 'failed', imported: [], error: { code: 'device_not_found' } });
    expect(await scan({ ...ADF, source: 'adf-duplex' })).toMatchObject({ state: 'failed', error: { code: 'unsupported', message: expect.stringContaining('adf-duplex') } });
    expect(listPages(ctx.db, batch.id)).toHaveLength(2);
  });

  it('cancel stops the feeder and keeps what was scanned', async () => {
    const { ctx, batch } = await setup();
    // A slow device: the test backend pauses 60 ms after each 2 KB it reads. At 20 ms the other nine
    // pages were all scanned before the first page's event came back on a loaded machine.
    process.env.HPF_DESK_SCANIMAGE = await scanimageWith(root, 'slow', '--read-limit=yes --read-limit-size=2048 --read-delay=yes --read-delay-duration=60000');
    const controller = new AbortController();
    ctx.subscribe((e) => {
      if (e.type === 'scan.page') controller.abort();
    });
    const result = await runScan(ctx, { batchId: batch.id, settings: { ...ADF, dpi: 50 } }, controller.signal);
    expect(result.state).toBe('cancelled');
    expect(result.error?.code).toBe('cancelled');
    expect(result.imported.length).toBeGreaterThanOrEqual(1);
    expect(result.imported.length).toBeLessThan(10);
    expect(listPages(ctx.db, batch.id)).toHaveLength(result.imported.length);
  });
});
