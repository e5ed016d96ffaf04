import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../shared/contract';
import { EsclDriver, type EsclTiming } from '../../electron/core/capture/escl/escl-driver';
import { runScan } from '../../electron/core/capture/scan-session';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';
import { startEsclResponder, type EsclQuirks, type EsclResponder } from '../helpers/escl-responder';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
const devices: EsclResponder[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** Short waits so busy retries and the timeout case take milliseconds; the protocol is the same. */
const FAST: EsclTiming = { requestMs: 4000, busyRetryMs: 20, busyRetries: 30 };
const post = { deskew: true, cropBorders: true, orient: true, ocrWanted: true };

async function setup(sheets: number, quirks: Partial<EsclQuirks> = {}, timing: EsclTiming = FAST) {
  const device = await startEsclResponder({ sheets, quirks });
  devices.push(device);
  const ctx = await openCoreContext({ dataDir: path.join(await tempDir(), 'data'), actor: 'clerk', workers: 2 });
  open.push(ctx);
  const batch = createBatch(ctx.db, 'clerk', { name: 'escl', kind: 'counter', business: null });
  const settings = (source: ScanSettings['source']): ScanSettings => ({ device: `escl:${device.url}`, source, dpi: 75, mode: 'color', post });
  const deps = { ...ctx, resolveDriver: () => ({ driver: new EsclDriver(timing), device: device.url }) };
  const scan = (source: ScanSettings['source'] = 'adf') => runScan(deps, { batchId: batch.id, settings: settings(source) }, new AbortController().signal);
  const resume = (session: string) => runScan(deps, { batchId: batch.id, continueSession: session }, new AbortController().signal);
  return { device, ctx, batch, scan, resume };
}

/** Requests to the job itself (not the POST that created it). */
const jobRequests = (device: EsclResponder) => device.requests.filter((r) => r.method !== 'POST' && r.path.startsWith('/eSCL/ScanJob'));

describe('eSCL client against a responder that behaves like real devices', () => {
  it('reads capabilities whatever the namespace prefixes, and duplex declared only as an option', async () => {
    const { device } = await setup(0, { otherPrefixes: true, duplexAsOption: true });
    const caps = await new EsclDriver(FAST).capabilities(device.url);
    expect(caps).toMatchObject({ sources: ['flatbed', 'adf', 'adf-duplex'], modes: ['color', 'gray', 'bw'], resolutions: [75, 100, 150, 200, 300, 600] });
  });

  it('scans a duplex feeder batch: settings sent, Location used exactly (ScanJob without s), 503s retried, 410 ends, job deleted', async () => {
    const { device, ctx, batch, scan } = await setup(3, { location: 'no-s', busyBeforePage: 2, endStatus: 410 });
    const result = await scan('adf-duplex');
    expect(result).toMatchObject({ state: 'done', error: null });
    expect(result.imported).toHaveLength(6);
    const settings = device.requests.find((r) => r.method === 'POST')!.body;
    expect(settings).toContain('<pwg:InputSource>Feeder</pwg:InputSource>');
    expect(settings).toContain('<scan:Duplex>true</scan:Duplex>');
    expect(settings).toContain('<scan:XResolution>75</scan:XResolution>');
    expect(settings).toContain('<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>');
    const job = jobRequests(device);
    expect(job.every((r) => r.path.startsWith('/eSCL/ScanJob/'))).toBe(true);
    expect(job.filter((r) => r.method === 'GET' && r.path.endsWith('/NextDocument')).length).toBe(6 * 3 + 1);
    expect(job.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    const sides = ctx.db.prepare('SELECT sheet, side FROM captured_files ORDER BY seq').all();
    expect(sides).toEqual([1, 1, 2, 2, 3, 3].map((sheet, i) => ({ sheet, side: i % 2 ? 'back' : 'front' })));
    expect(listPages(ctx.db, batch.id).every((p) => p.dpi === 75)).toBe(true);
  });

  it('follows absolute, path-only and relative Locations; a platen job ends after its page', async () => {
    for (const location of ['absolute', 'path', 'relative'] as const) {
      const { device, scan } = await setup(0, { location });
      const result = await scan('flatbed');
      expect(result, location).toMatchObject({ state: 'done', error: null });
      expect(result.imported).toHaveLength(1);
      expect(jobRequests(device).map((r) => `${r.method} ${r.path.replace(/[\w-]{36}/, 'ID')}`)).toEqual([
        'GET /eSCL/ScanJobs/ID/NextDocument',
        'GET /eSCL/ScanJobs/ID/NextDocument',
        'DELETE /eSCL/ScanJobs/ID',
      ]);
    }
  });

  it('keeps a first page the device sends twice, flagged as a duplicate', async () => {
    const { ctx, batch, scan } = await setup(2, { duplicateFirstPage: true });
    expect((await scan('adf')).imported).toHaveLength(3);
    const pages = listPages(ctx.db, batch.id);
    expect(pages[1]!.flags).toMatchObject({ duplicateOf: pages[0]!.id, duplicateMatch: 'exact' });
    expect(pages[2]!.flags.duplicateOf).toBeUndefined();
  });

  it('a jam (404 with AdfJam) keeps the pages before it; continuing scans the rest, nothing twice', async () => {
    const { device, ctx, batch, scan, resume } = await setup(5);
    device.faults = { jamAtSheet: 3 };
    const jammed = await scan('adf');
    expect(jammed).toMatchObject({ state: 'failed', error: { code: 'jammed', message: expect.stringContaining('ScannerAdfJam') } });
    expect(jammed.imported).toHaveLength(2);
    expect(jobRequests(device).filter((r) => r.method === 'DELETE')).toHaveLength(1);
    device.faults = {};
    const rest = await resume(jammed.session);
    expect(rest).toMatchObject({ state: 'done', error: null });
    expect(rest.imported).toHaveLength(3);
    expect(listPages(ctx.db, batch.id).filter((p) => p.flags.duplicateOf)).toEqual([]);
    expect(ctx.db.prepare('SELECT seq FROM captured_files WHERE session_id = ? ORDER BY seq').pluck().all(jammed.session)).toEqual([1, 2, 3, 4, 5]);
  });

  it('an HTTP 500, a device that stops answering and one that vanishes each end the run with the pages so far', async () => {
    const failing = await setup(4);
    failing.device.faults = { errorAtPage: 3 };
    expect(await failing.scan()).toMatchObject({ state: 'failed', error: { code: 'device_error', message: expect.stringContaining('500') }, imported: [{}, {}] });

    const silent = await setup(4, {}, { ...FAST, requestMs: 600 });
    silent.device.faults = { hangAtPage: 2 };
    expect(await silent.scan()).toMatchObject({ state: 'failed', error: { code: 'timeout' }, imported: [{}] });

    const gone = await setup(4);
    gone.device.faults = { vanishAtPage: 3 };
    expect(await gone.scan()).toMatchObject({ state: 'failed', error: { code: 'device_lost' }, imported: [{}, {}] });
  });

  it('an empty feeder, a busy device and an address nobody answers give clear errors and store nothing', async () => {
    const empty = await setup(0);
    expect(await empty.scan('adf')).toMatchObject({ state: 'failed', error: { code: 'feeder_empty' }, imported: [] });

    const busy = await setup(2);
    busy.device.faults = { busy: true };
    expect(await busy.scan('adf')).toMatchObject({ state: 'failed', error: { code: 'device_busy' }, imported: [] });

    const nobody = await setup(0);
    await nobody.device.close();
    devices.splice(devices.indexOf(nobody.device), 1);
    expect(await nobody.scan('flatbed')).toMatchObject({ state: 'failed', error: { code: 'device_not_found' }, imported: [] });
  });
});
