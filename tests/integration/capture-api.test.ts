import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent, ScanResult } from '../../shared/contract';
import { scannedSheet } from '../../electron/core/bench/synthetic-scans';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { saneTestConfig } from '../helpers/sane-test-backend';
import { nextEvent } from '../helpers/core-events';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

const tempDir = useTempDirs();
const cores: Core[] = [];
let tools: string;
const savedConfig = process.env.SANE_CONFIG_DIR;
beforeAll(async () => {
  tools = await mkdtemp(path.join(os.tmpdir(), 'hpf-capture-api-'));
  process.env.SANE_CONFIG_DIR = await saneTestConfig(tools);
});
afterAll(async () => {
  process.env.SANE_CONFIG_DIR = savedConfig;
  await rm(tools, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function setup() {
  const core = await openCore({ dataDir: path.join(await tempDir(), 'data'), workers: 2 });
  cores.push(core);
  const { call } = await signedInCaller(core);
  const batch = await call<{ id: string }>('batches.create', { name: '柜台 001' });
  const finished = (session: string) =>
    nextEvent(core, (e): e is Extract<CoreEvent, { type: 'scan.finished' }> => e.type === 'scan.finished' && e.session === session);
  return { core, call, batch, finished };
}

const settings = { device: 'sane:test', source: 'adf', dpi: 75, mode: 'gray' };

describe('capture API (the contract the UI uses)', () => {
  it('saves profiles per station, one key each, and scans with one in the background', async () => {
    const { call, batch, finished } = await setup();
    const a = await call<{ id: string; key: number }>('profiles.save', { name: '提取 进纸器', key: 1, settings });
    const b = await call<{ id: string }>('profiles.save', { name: '贷款 平板', key: 1, settings: { ...settings, source: 'flatbed' } });
    const profiles = await call<Array<{ id: string; key: number | null; settings: { post: { deskew: boolean } } }>>('profiles.list', {});
    expect(profiles.map((p) => [p.id, p.key])).toEqual([[b.id, 1], [a.id, null]]);
    expect(profiles[0]!.settings.post.deskew).toBe(true);
    await expect(call('profiles.save', { name: '贷款 平板', settings })).rejects.toMatchObject({ code: 'conflict' });

    const { session } = await call<{ session: string }>('scan.start', { batchId: batch.id, profileId: a.id });
    const done = await finished(session);
    expect(done).toMatchObject({ state: 'done', pages: 10, error: null });
    const sessions = await call<Array<{ id: string; state: string; pages: number; settings: { mode: string } }>>('scan.sessions', { batchId: batch.id });
    expect(sessions).toMatchObject([{ id: session, state: 'done', pages: 10, settings: { mode: 'gray' } }]);
    const pages = await call<Array<{ id: string }>>('pages.list', { batchId: batch.id });
    const page = await call<{ steps: Array<{ op: string; mode?: string }> }>('pages.get', { id: pages[0]!.id });
    expect(page.steps).toContainEqual({ op: 'colour', mode: 'gray', reason: 'profile' });
    expect(await call('profiles.delete', { id: a.id })).toEqual({ deleted: true });
  });

  it('refuses what cannot be scanned before anything starts', async () => {
    const { call, batch } = await setup();
    await expect(call('scan.start', { batchId: batch.id })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call('scan.start', { batchId: batch.id, settings: { ...settings, device: 'floppy:a' } })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call('scan.start', { batchId: batch.id, continueSession: 'S_nope' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call('scan.capabilities', { device: 'sane:nosuch' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('not found') });
    expect(await call('scan.cancel', { session: 'S_nope' })).toEqual({ cancelled: false });
  });

  it('stores document-camera frames through the same pipeline, one camera session for the lot', async () => {
    const { call, batch } = await setup();
    const frame = async (seed: number) =>
      (await (await scannedSheet(seed, { border: 0.15, angle: 3 }, { width: 900, height: 1270, dpi: 110 })).jpeg({ quality: 85 }).toBuffer()).toString('base64');
    const first = await call<ScanResult>('capture.frame', { batchId: batch.id, camera: 'Document Camera (0c45:6366)', image: await frame(7) });
    expect(first).toMatchObject({ state: 'done', error: null });
    expect(first.imported).toHaveLength(1);
    const second = await call<ScanResult>('capture.frame', { batchId: batch.id, camera: 'Document Camera (0c45:6366)', session: first.session, image: await frame(8) });
    expect(second.session).toBe(first.session);
    const pages = await call<Array<{ id: string; width: number; height: number }>>('pages.list', { batchId: batch.id });
    expect(pages).toHaveLength(2);
    const steps = (await call<{ steps: Array<{ op: string; applied?: boolean }> }>('pages.get', { id: pages[0]!.id })).steps;
    expect(steps).toContainEqual(expect.objectContaining({ op: 'deskew', applied: true }));
    expect(steps).toContainEqual(expect.objectContaining({ op: 'crop', applied: true }));
    // The sheet was cropped out of the dark desk: about the sheet's own size.
    expect(Math.abs(pages[0]!.width - 900)).toBeLessThan(30);
    expect(Math.abs(pages[0]!.height - 1270)).toBeLessThan(30);
    await expect(call('capture.frame', { batchId: batch.id, camera: 'x', image: Buffer.from('not an image at all').toString('base64') })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
