import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Batch, CheckResult } from '../../shared/contract';
import { writeFixtureSet } from '../fixtures/make-files';
import { validateBag } from '../helpers/bagit';
import { json, runCli } from '../helpers/run-cli';
import { storeBlobs } from '../helpers/store-db';

interface ExportResult { out: string; files: number; ok: boolean }
interface CloseResult { batch: string; state: string; ok: boolean; checks: CheckResult[] }

/** One store with a four-file batch (7 pages), imported once for every test here. */
let root: string;
let data: string;
let bag: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hpf-test-bag-'));
  data = path.join(root, 'data');
  const fixtures = await writeFixtureSet(path.join(root));
  const imported = await runCli(['import', ...Object.values(fixtures.good), '--batch', '提取 2024-06', '--data', data, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  bag = path.join(root, 'bag');
  const exported = await runCli(['export', '提取 2024-06', '--bag', bag, '--data', data, '--json']);
  expect(exported.code, exported.stderr).toBe(0);
  expect(json<ExportResult>(exported)).toMatchObject({ out: bag, ok: true });
}, 120_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe('transfer bag (BagIt 1.0, RFC 8493)', () => {
  it('validates with the independent validator and carries the profile DOMAIN.md asks for', async () => {
    expect(await validateBag(bag)).toEqual({ valid: true, problems: [] });
    const info = await readFile(path.join(bag, 'bag-info.txt'), 'utf8');
    for (const label of ['Source-Organization', 'External-Identifier', 'Bagging-Date', 'Payload-Oxum', 'Station-Id', 'Operator']) {
      expect(info).toMatch(new RegExp(`^${label}: \\S`, 'm'));
    }
    const tagmanifest = await readFile(path.join(bag, 'tagmanifest-sha256.txt'), 'utf8');
    expect(tagmanifest.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[1]).sort()).toEqual(
      ['bag-info.txt', 'bagit.txt', 'fixity-sm3.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'station-seal.json'],
    );
    const sha512 = await readFile(path.join(bag, 'manifest-sha512.txt'), 'utf8');
    expect(sha512.split('\n').filter(Boolean).every((l) => /^[0-9a-f]{128}  data\//.test(l))).toBe(true);

    const metadata = JSON.parse(await readFile(path.join(bag, 'data/metadata/metadata.json'), 'utf8')) as {
      pages: Array<{ image: { path: string }; digitization: Record<string, string>; steps: unknown[] }>;
      originals: Array<{ path: string; name: string }>;
    };
    expect(metadata.pages).toHaveLength(7);
    expect(metadata.originals.map((o) => o.name).sort()).toContain('合同-2页.pdf');
    expect(metadata.pages[0]!.digitization).toMatchObject({ 扫描分辨率: '75', 文件格式: 'JPEG' });
    const xml = await readFile(path.join(bag, 'data/metadata/metadata.xml'), 'utf8');
    expect(xml).toContain('<全宗号>J001</全宗号>');
    expect(xml.match(/<页 /g)).toHaveLength(7);
    const report = JSON.parse(await readFile(path.join(bag, 'data/metadata/four-checks.json'), 'utf8')) as { ok: boolean; checks: CheckResult[] };
    expect(report.ok).toBe(true);
    expect(new Set(report.checks.map((c) => c.aspect))).toEqual(new Set(['authenticity', 'integrity', 'usability', 'security']));
    const audit = (await readFile(path.join(bag, 'data/metadata/audit-log.jsonl'), 'utf8')).trim().split('\n');
    expect(audit.map((l) => (JSON.parse(l) as { kind: string }).kind)).toEqual(expect.arrayContaining(['batch.created', 'file.imported']));
  });

  it('carries every payload file\'s SM3 in a tag manifest, in metadata.json and in metadata.xml, checked by 四性检测', async () => {
    const sm3Lines = (await readFile(path.join(bag, 'fixity-sm3.txt'), 'utf8')).split('\n').filter(Boolean);
    const sha256Lines = (await readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8')).split('\n').filter(Boolean);
    const listed = new Map(sm3Lines.map((l) => [l.slice(66), l.slice(0, 64)]));
    expect([...listed.keys()]).toEqual(sha256Lines.map((l) => l.slice(66)));
    // Python's hashlib computes the SM3 of every payload file as written, independently.
    const script = 'import hashlib,sys\nfor p in sys.argv[2:]: print(hashlib.new("sm3", open(sys.argv[1]+"/"+p,"rb").read()).hexdigest(), p)';
    const independent = execFileSync('python3', ['-c', script, bag, ...listed.keys()], { encoding: 'utf8' }).trim().split('\n');
    expect(independent.map((l) => [l.slice(65), l.slice(0, 64)])).toEqual([...listed]);

    const metadata = JSON.parse(await readFile(path.join(bag, 'data/metadata/metadata.json'), 'utf8')) as {
      pages: Array<{ image: { path: string; sm3: string } }>;
      originals: Array<{ path: string; sm3: string }>;
    };
    for (const f of [...metadata.originals, ...metadata.pages.map((p) => p.image)]) expect(f.sm3).toBe(listed.get(f.path));
    const xml = await readFile(path.join(bag, 'data/metadata/metadata.xml'), 'utf8');
    expect(xml).toContain(`<固化信息 算法="SM3">${metadata.pages[0]!.image.sm3}</固化信息>`);
    const report = JSON.parse(await readFile(path.join(bag, 'data/metadata/four-checks.json'), 'utf8')) as { checks: CheckResult[] };
    expect(report.checks.find((c) => c.id === 'authenticity.content-sm3')).toMatchObject({ ok: true, aspect: 'authenticity' });
  });

  it('fails validation when a payload byte changes, a file is added or a file is removed', async () => {
    const tampered = async (name: string, change: (dir: string) => Promise<void>) => {
      const dir = path.join(root, `tampered-${name}`);
      await cp(bag, dir, { recursive: true });
      await change(dir);
      return validateBag(dir);
    };
    const image = (dir: string) => path.join(dir, 'data/metadata/metadata.json');

    const flipped = await tampered('byte', async (dir) => {
      const bytes = await readFile(image(dir));
      bytes[100] = bytes[100]! ^ 0x01;
      await writeFile(image(dir), bytes);
    });
    expect(flipped.valid).toBe(false);
    expect(flipped.problems.join('\n')).toMatch(/metadata\.json checksum mismatch/);

    const added = await tampered('added', (dir) => appendFile(path.join(dir, 'data/originals/extra.txt'), 'not part of the bag'));
    expect(added.valid).toBe(false);
    expect(added.problems.join('\n')).toMatch(/extra\.txt is not listed/);

    const removed = await tampered('removed', (dir) => rm(path.join(dir, 'data/metadata/supervision.json')));
    expect(removed.valid).toBe(false);
    expect(removed.problems.join('\n')).toMatch(/supervision\.json is listed but missing/);
  });

  it('batch close runs 四性检测 and queues; a batch whose stored object was altered stays open with the report', async () => {
    const closed = await runCli(['batch', 'close', '提取 2024-06', '--loose-reason', '整盒移交', '--data', data, '--json']);
    expect(closed.code, closed.stderr).toBe(0);
    expect(json<CloseResult>(closed)).toMatchObject({ state: 'queued', ok: true });
    const again = await runCli(['batch', 'close', '提取 2024-06', '--loose-reason', '整盒移交', '--data', data, '--json']);
    expect(again.code).toBe(1);

    // A second batch whose original is altered on disk after capture.
    const other = path.join(root, 'other.jpg');
    await writeFile(other, await readFile(path.join(root, '申请表 scan (1).jpg')));
    await appendFile(other, Buffer.from([0]));
    const imported = json<{ batch: string; imported: Array<{ sha256: string }> }>(await runCli(['import', other, '--batch', 'altered', '--data', data, '--json']));
    const sha = imported.imported[0]!.sha256;
    // Sealed again with the store's own keys: the object opens, its content is not what was captured.
    const blobs = await storeBlobs(data);
    const bytes = await blobs.read(sha);
    bytes[bytes.length - 1] = 7;
    await blobs.write(sha, [bytes]);

    const refused = await runCli(['batch', 'close', 'altered', '--loose-reason', '整盒移交', '--data', data, '--json']);
    expect(refused.code).toBe(1);
    const result = json<CloseResult>(refused);
    expect(result).toMatchObject({ state: 'failed', ok: false });
    const failed = result.checks.filter((c) => !c.ok).map((c) => c.id);
    expect(failed).toContain('authenticity.content-hash');
    const batches = json<Batch[]>(await runCli(['list', 'batches', '--data', data, '--json']));
    expect(batches.find((b) => b.name === 'altered')?.state).toBe('open');
    expect(batches.find((b) => b.name === '提取 2024-06')?.state).toBe('closed');
  });
});
