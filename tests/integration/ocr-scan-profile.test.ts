import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, CoreEvent, PageOcr, PageOcrStatus, ScanProfile, ScanResult } from '../../shared/contract';
import type { Core } from '../../electron/core/core-api';
import { DATABASE_FILE, openCore } from '../../electron/core/open-core';
import { json, runCli } from '../helpers/run-cli';
import { untilReady } from '../helpers/core-events';
import { saneTestConfig } from '../helpers/sane-test-backend';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

/*
 * A scan profile's OCR engine, end to end: SANE's real test backend scans, the app's background
 * OCR queues each page with its profile's engine, and the real engines read them.
 */
const tempDir = useTempDirs();
const cores: Core[] = [];
let tools: string;
let saneConfig: string;
const savedConfig = process.env.SANE_CONFIG_DIR;

beforeAll(async () => {
  tools = await mkdtemp(path.join(os.tmpdir(), 'hpf-ocr-profile-'));
  saneConfig = await saneTestConfig(tools);
  process.env.SANE_CONFIG_DIR = saneConfig;
});
afterAll(async () => {
  process.env.SANE_CONFIG_DIR = savedConfig;
  await rm(tools, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

// One sheet from the glass at low resolution: what matters here is which engine reads it.
const GLASS = { device: 'sane:test', source: 'flatbed', dpi: 75, mode: 'gray' } as const;

async function openApp(dataDir: string) {
  const core = await openCore({ dataDir, actor: 'clerk', workers: 1, backgroundOcr: true });
  cores.push(core);
  const { call } = await signedInCaller(core, { name: 'clerk', password: '246800' });
  const until = <T>(ready: () => Promise<T | undefined>, wanted: (e: CoreEvent) => boolean): Promise<T> => untilReady(core, ready, wanted);
  return { core, call, until };
}

describe('OCR engine per scan profile', () => {
  it('reads a tesseract profile’s pages with tesseract and the default profile’s with the station’s PP-OCR', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const { call, until } = await openApp(dataDir);
    const tesseract = await call<ScanProfile>('profiles.save', { name: '轻量 Tesseract', key: 1, settings: { ...GLASS, ocrEngine: 'tesseract' } });
    const standard = await call<ScanProfile>('profiles.save', { name: '标准', key: 2, settings: GLASS });
    expect(tesseract.settings.ocrEngine).toBe('tesseract');
    expect(standard.settings.ocrEngine).toBeUndefined();
    // The choice survives a reload of the profiles.
    expect((await call<ScanProfile[]>('profiles.list', {})).map((p) => [p.name, p.settings.ocrEngine])).toEqual([
      ['轻量 Tesseract', 'tesseract'],
      ['标准', undefined],
    ]);

    const batch = await call<{ id: string }>('batches.create', { name: '柜台 扫描' });
    for (const profile of [tesseract, standard]) {
      const { session } = await call<{ session: string }>('scan.start', { batchId: batch.id, profileId: profile.id });
      await until(
        async () => (await call<Array<{ id: string; state: string }>>('scan.sessions', { batchId: batch.id })).find((s) => s.id === session && s.state !== 'scanning'),
        (e) => e.type === 'scan.finished',
      );
    }

    // The background runner queues each page as it finds it; the models load on the first page.
    const states = await until(
      async () => {
        const all = await call<PageOcrStatus[]>('ocr.pages', { batchId: batch.id });
        return all.length === 2 && all.every((s) => s.state === 'done' || s.state === 'failed') ? all : undefined;
      },
      (e) => e.type === 'ocr.page',
    );
    expect(states.map((s) => [s.state, s.engine])).toEqual([
      ['done', 'tesseract'],
      ['done', 'ppocr'],
    ]);
    const results = await Promise.all(states.map((s) => call<PageOcr>('ocr.page', { pageId: s.page })));
    expect(results[0]).toMatchObject({ engine: 'tesseract', model: expect.stringMatching(/^Tesseract/) });
    expect(results[1]).toMatchObject({ engine: 'ppocr', model: expect.stringMatching(/^PP-OCRv4/) });

    // Each page's job was queued for its own engine.
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const jobs = db
        .prepare(
          `SELECT o.engine AS page, json_extract(j.payload, '$.engine') AS job, j.state AS state
           FROM page_ocr o JOIN pages p ON p.id = o.page_id JOIN jobs j ON j.dedupe_key = 'ocr:' || o.ocr_key ORDER BY p.seq`,
        )
        .all();
      expect(jobs).toEqual([
        { page: 'tesseract', job: 'tesseract', state: 'done' },
        { page: 'ppocr', job: 'ppocr', state: 'done' },
      ]);
      // The sessions keep the profile's choice (none: the station's default when queued).
      expect(db.prepare("SELECT json_extract(settings, '$.ocrEngine') AS engine FROM scan_sessions ORDER BY started_at").all()).toEqual([
        { engine: 'tesseract' },
        { engine: null },
      ]);
    } finally {
      db.close();
    }

    // The viewer asking for a page again (no engine named) keeps its profile's engine: nothing is read twice.
    expect(await call('ocr.enqueue', { batchId: batch.id, foreground: true })).toEqual({ requested: 2, queued: 0, alreadyRead: 2 });
  });

  it('hpf-desk scan --ocr-engine picks the engine for the session’s pages; a wrong name is a usage error', async () => {
    const data = path.join(await tempDir(), 'data');
    const env = { SANE_CONFIG_DIR: saneConfig };
    const scan = (...extra: string[]) =>
      runCli(['scan', '--data', data, '--device', 'sane:test', '--source', 'flatbed', '--dpi', '75', '--mode', 'gray', '--batch', '存量', ...extra, '--json'], { env });

    const wrong = await scan('--ocr-engine', 'abbyy');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/--ocr-engine must be default, ppocr or tesseract/);

    const run = await scan('--ocr-engine', 'tesseract');
    expect(run.code, run.stderr).toBe(0);
    expect(json<ScanResult>(run).imported).toHaveLength(1);
    const ocr = await runCli(['ocr', '--data', data, '--json'], { env });
    expect(ocr.code, ocr.stderr).toBe(0);
    expect(json(ocr)).toMatchObject({ done: 1, failed: [] });

    const [page] = json<Array<{ id: string }>>(await runCli(['list', 'pages', '--data', data, '--json']));
    const shown = json<{ ocr: PageOcrStatus }>(await runCli(['show', page!.id, '--data', data, '--json']));
    expect(shown.ocr).toMatchObject({ state: 'done', engine: 'tesseract' });
  });
});
