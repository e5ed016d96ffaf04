import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult, PageSummary, VerifyReport } from '../../shared/contract';
import { latestSchemaVersion } from '../../electron/core/store/migration';
import { writeFixtureSet } from '../fixtures/make-files';
import { storeBlobs } from '../helpers/store-db';
import { useTempDirs } from '../helpers/temp-dir';
import { json, runCli } from '../helpers/run-cli';

const tempDir = useTempDirs();

describe('hpf-desk CLI', () => {
  it('init creates the store and reports its schema and station', async () => {
    const data = path.join(await tempDir(), 'data');
    const run = await runCli(['init', '--data', data, '--fonds', 'J017', '--station', '柜台一号', '--json']);
    expect(run.code).toBe(0);
    const out = json<{ data: string; schemaVersion: number; station: { name: string; fonds: string } }>(run);
    // Every migration this build carries has been applied (the schema grows with each feature).
    expect(out).toMatchObject({ data, schemaVersion: latestSchemaVersion(), station: { name: '柜台一号', fonds: 'J017' } });
  });

  it('import reports good pages, one error per bad file, exit 2; list/show/verify agree', async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    const input = path.join(root, 'in', 'nested');
    await mkdir(input, { recursive: true });
    await writeFixtureSet(input);
    const run = await runCli(['import', path.join(root, 'in'), '--batch', '存量第1批', '--data', data, '--json']);
    expect(run.code).toBe(2);
    const result = json<ImportResult>(run);
    expect(result.imported.reduce((n, f) => n + f.pages, 0)).toBe(7);
    expect(result.rejected).toHaveLength(5);
    for (const r of result.rejected) expect(r.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });

    const pages = json<PageSummary[]>(await runCli(['list', 'pages', '--batch', '存量第1批', '--data', data, '--json']));
    expect(pages).toHaveLength(7);
    expect(pages[0]).toMatchObject({ id: expect.any(String), source: { file: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), pageIndex: 0 } });

    const shown = json<{ id: string; dpi: number | null; flags: object; steps: Array<{ op: string }> }>(
      await runCli(['show', pages[0]!.id, '--data', data, '--json']),
    );
    expect(shown.id).toBe(pages[0]!.id);
    expect(shown.steps[0]).toMatchObject({ op: 'decode' });
    expect(shown).toHaveProperty('flags');
    expect(shown).toHaveProperty('dpi');

    const batches = json<Array<{ id: string; name: string; pageCount: number }>>(await runCli(['list', 'batches', '--data', data, '--json']));
    expect(batches).toMatchObject([{ name: '存量第1批', pageCount: 7 }]);

    const verify = await runCli(['verify', '--data', data, '--json']);
    expect(verify.code).toBe(0);
    expect(json<VerifyReport>(verify).ok).toBe(true);

    // Running the same import again stores nothing twice.
    const again = json<ImportResult>(await runCli(['import', path.join(root, 'in'), '--batch', '存量第1批', '--data', data, '--json']));
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(4);
  });

  it('exits 0 when everything imports and 1 on usage errors', async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    const set = await writeFixtureSet(root);
    expect((await runCli(['import', set.good.jpeg, '--data', data, '--json'])).code).toBe(0);
    expect((await runCli(['import', '--data', data])).code).toBe(1);
    expect((await runCli(['list', 'nonsense', '--data', data])).code).toBe(1);
    expect((await runCli(['frobnicate'])).code).toBe(1);
    expect((await runCli(['import', set.bad.empty, '--data', data, '--json'])).code).toBe(1);
  });

  it('verify reports a tampered object and a missing one', async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    const set = await writeFixtureSet(root);
    const result = json<ImportResult>(await runCli(['import', set.good.jpeg, set.good.png, '--data', data, '--json']));
    const [a, b] = result.imported.map((f) => f.sha256);
    const blobs = await storeBlobs(data);
    const objectPath = (sha: string) => blobs.pathOf(sha);
    await writeFile(objectPath(a!), 'tampered');
    const { rm } = await import('node:fs/promises');
    await rm(objectPath(b!));
    const run = await runCli(['verify', '--data', data, '--json']);
    expect(run.code).toBe(1);
    const report = json<VerifyReport>(run);
    expect(report.ok).toBe(false);
    const kinds = report.problems.map((p) => `${p.kind}:${p.subject}`);
    expect(kinds).toContain(`hash_mismatch:${a}`);
    expect(kinds).toContain(`size_mismatch:${a}`);
    expect(kinds).toContain(`missing_file:${b}`);
  });
});
