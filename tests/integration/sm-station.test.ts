import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult, VerifyReport } from '../../shared/contract';
import { writeFixtureSet } from '../fixtures/make-files';
import { FIXTURES, fixturePeople, needlesFor, scan } from '../helpers/at-rest-scan';
import { json, runCli } from '../helpers/run-cli';
import { storeBlobs } from '../helpers/store-db';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('a 国密 station (init --crypto sm)', () => {
  it('imports, files and verifies with SM4/SM3 objects, and no byte under its data folder shows a name, an ID number or an image', async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    const cli = (...args: string[]) => runCli([...args, '--data', data, '--json']);

    const init = await cli('init', '--crypto', 'sm', '--fonds', 'J017');
    expect(init.code, init.stderr).toBe(0);
    expect(json<{ crypto: string }>(init).crypto).toBe('sm');
    // The store keeps the algorithms it was made with.
    const change = await cli('init', '--crypto', 'standard');
    expect(change.code).toBe(1);
    expect(change.stderr).toMatch(/cannot change to standard/);
    expect(JSON.parse(await readFile(path.join(data, 'store-key.json'), 'utf8'))).toMatchObject({ crypto: 'sm' });

    await mkdir(path.join(root, 'in'), { recursive: true });
    const set = await writeFixtureSet(path.join(root, 'in'));
    const scans = ['id-card-04', 'loan-contract-04', 'withdrawal-03'].map((p) => path.join(FIXTURES, 'ocr', `${p}.jpg`));
    const imported = await cli('import', ...scans, set.good.png, set.good.tiff3, set.good.pdf2, '--batch', '柜台');
    expect(imported.code, imported.stderr).toBe(0);
    const objects = json<ImportResult>(imported).imported.map((f) => f.sha256);

    // Filed with the ID card's holder as its metadata (her name and ID number in the database).
    const person = (await fixturePeople()).find((p) => p.page === 'id-card-04')!;
    const page = json<Array<{ id: string }>>(await cli('list', 'pages', '--batch', '柜台'))[0]!;
    const created = await cli('item', 'new', '--batch', '柜台', '--business', 'TQ-ZF', '--date', '2025-03-01', '--field', `姓名=${person.name}`, '--field', `证件号码=${person.id_number}`, '--field', '金额=3000');
    expect(created.code, created.stdout).toBe(0);
    const item = json<{ item: string }>(created).item;
    expect((await cli('item', 'assign', item, '--page', page.id, '--material', 'TQSQB')).code).toBe(0);
    const filed = await cli('item', 'file', item, '--allow-missing', '国密测试');
    expect(filed.code, filed.stdout).toBe(0);

    const verify = await cli('verify');
    expect(verify.code, verify.stdout).toBe(0);
    expect(json<VerifyReport>(verify).ok).toBe(true);

    // Each object on disk is sealed by the SM suite (the header's suite byte) under its HMAC-SM3 name, and reads back.
    const blobs = await storeBlobs(data);
    expect(blobs.keys?.suite).toBe('sm');
    for (const sha256 of objects) {
      expect((await readFile(blobs.pathOf(sha256))).subarray(0, 8).toString('latin1')).toBe('HPFOBJ\x00\x02');
      expect((await blobs.fixityOf(sha256)).sha256).toBe(sha256);
    }

    expect([...(await scan(data, needlesFor([person])))]).toEqual([]);
  }, 240_000);
});
