import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageStep, ScanResult } from '../../shared/contract';
import { json, runCli } from '../helpers/run-cli';
import { faultyScanimage, saneTestConfig } from '../helpers/sane-test-backend';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let env: NodeJS.ProcessEnv;
let tools: string;

beforeAll(async () => {
  tools = await mkdtemp(path.join(os.tmpdir(), 'hpf-sane-cli-'));
  env = { SANE_CONFIG_DIR: await saneTestConfig(tools) };
});
afterAll(async () => {
  await rm(tools, { recursive: true, force: true });
});

describe('hpf-desk scan', () => {
  it('stores the test backend’s feeder pages at 300 dpi with every pipeline step recorded', async () => {
    const data = path.join(await tempDir(), 'data');
    const run = await runCli(['scan', '--data', data, '--device', 'sane:test', '--source', 'adf', '--dpi', '300', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const result = json<ScanResult>(run);
    expect(result).toMatchObject({ state: 'done', error: null, rejected: [], duplicates: [] });
    expect(result.imported).toHaveLength(10);

    const pages = json<Array<{ id: string; dpi: number; flags: Record<string, unknown> }>>(await runCli(['list', 'pages', '--data', data, '--batch', result.batch, '--json']));
    expect(pages).toHaveLength(10);
    const shown = json<{ dpi: number; flags: Record<string, unknown>; steps: PageStep[] }>(await runCli(['show', pages[4]!.id, '--data', data, '--json']));
    expect(shown.dpi).toBe(300);
    expect(shown.steps.map((s) => s.op)).toEqual(['decode', 'deskew', 'crop', 'rotate', 'colour', 'encode']);
    expect(shown.steps).toContainEqual({ op: 'deskew', angle: 0, applied: false });
    expect(shown.flags).toMatchObject({ duplicateOf: pages[0]!.id });
  });

  it('reports a jam with the pages kept (exit 2) and continues the session on request', async () => {
    const data = path.join(await tempDir(), 'data');
    const jam = { ...env, HPF_DESK_SCANIMAGE: await faultyScanimage(tools, 4, 'SANE_STATUS_JAMMED') };
    const first = await runCli(['scan', '--data', data, '--device', 'sane:test', '--source', 'adf', '--dpi', '75', '--batch', '柜台 扫描', '--json'], { env: jam });
    expect(first.code).toBe(2);
    const jammed = json<ScanResult>(first);
    expect(jammed).toMatchObject({ state: 'failed', error: { code: 'jammed' } });
    expect(jammed.imported).toHaveLength(4);

    const human = await runCli(['scan', '--data', data, '--continue', jammed.session, '--batch', '柜台 扫描'], {
      env: { ...env, HPF_DESK_SCANIMAGE: await faultyScanimage(tools, 6, 'SANE_STATUS_NO_DOCS') },
    });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('已保存 stored: 6 页 pages');
    const pages = json<unknown[]>(await runCli(['list', 'pages', '--data', data, '--batch', '柜台 扫描', '--json']));
    expect(pages).toHaveLength(10);
  }, 180_000);

  it('refuses bad options and unknown devices with exit 1 and a reason', async () => {
    const data = path.join(await tempDir(), 'data');
    const noDevice = await runCli(['scan', '--data', data, '--json'], { env });
    expect(noDevice.code).toBe(1);
    expect(json<{ error: { message: string } }>(noDevice).error.message).toContain('--device');
    const badSource = await runCli(['scan', '--data', data, '--device', 'sane:test', '--source', 'tray', '--json'], { env });
    expect(badSource.code).toBe(1);
    const missing = await runCli(['scan', '--data', data, '--device', 'sane:nosuch', '--dpi', '75', '--json'], { env });
    expect(missing.code).toBe(1);
    expect(json<ScanResult>(missing).error).toMatchObject({ code: 'device_not_found' });
    const listed = json<Array<{ uri: string }>>(await runCli(['scan', '--list', '--json'], { env }));
    expect(listed.map((d) => d.uri)).toContain('sane:test:0');
  });
});
