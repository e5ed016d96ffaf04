import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { objectKeys } from '../../electron/core/files/object-cipher';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../electron/core/files/blob-store';
import { digestFile } from '../../electron/core/files/digest-file';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { writeFixtureSet } from '../fixtures/make-files';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CoreContext[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** SM3 from Python's hashlib (OpenSSL through another binding): not the code under test. */
const pythonSm3 = (content: Buffer): string =>
  execFileSync('python3', ['-c', 'import hashlib,sys;print(hashlib.new("sm3", sys.stdin.buffer.read()).hexdigest())'], { input: content, encoding: 'utf8' }).trim();

const GBT_32905_ABCD16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';

async function importedStore() {
  const root = await tempDir();
  const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'tester', workers: 1 });
  open.push(ctx);
  const batch = createBatch(ctx.db, 'tester', { name: 'b1', kind: 'counter', business: null });
  const set = await writeFixtureSet(root);
  const result = await importPaths(ctx, batch.id, [set.good.jpeg]);
  expect(result.imported).toHaveLength(1);
  return { ctx, original: set.good.jpeg, sha256: result.imported[0]!.sha256 };
}

describe('SM3 fixity (GB/T 32905)', () => {
  it('the blob store digests what it stores and reads back in SM3 beside SHA-256', async () => {
    const root = await tempDir();
    const blobs = new BlobStore(path.join(root, 'data'), objectKeys({ storeId: randomUUID(), key: randomBytes(32) }));
    await blobs.init();
    const bytes = Buffer.from('abcd'.repeat(16), 'ascii');
    const stored = await blobs.put(bytes);
    expect(stored.sm3).toBe(GBT_32905_ABCD16);
    expect(await blobs.fixityOf(stored.sha256)).toEqual({ sha256: stored.sha256, sm3: GBT_32905_ABCD16 });
    const file = path.join(root, 'in.bin');
    await writeFile(file, bytes);
    expect((await blobs.stage(file)).sm3).toBe(GBT_32905_ABCD16);
    expect((await digestFile(file)).sm3).toBe(GBT_32905_ABCD16);
  });

  it('records every captured object\'s SM3 at import', async () => {
    const { ctx, original, sha256 } = await importedStore();
    const rows = ctx.db.prepare('SELECT sha256, sm3 FROM files').all() as Array<{ sha256: string; sm3: string | null }>;
    expect(rows.length).toBe(3); // the original, its page image, its thumbnail
    expect(rows.find((r) => r.sha256 === sha256)?.sm3).toBe(pythonSm3(await readFile(original)));
    for (const r of rows) expect(r.sm3).toBe(pythonSm3(await ctx.blobs.read(r.sha256)));
    expect((await verifyStore(ctx.db, ctx.blobs)).ok).toBe(true);
  });

  it('verify reports an object whose stored bytes changed by one byte: its chunk no longer authenticates', async () => {
    const { ctx, sha256 } = await importedStore();
    const object = ctx.blobs.pathOf(sha256);
    const bytes = await readFile(object);
    bytes[200] = bytes[200]! ^ 0x01;
    await writeFile(object, bytes);
    const report = await verifyStore(ctx.db, ctx.blobs);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'hash_mismatch', subject: sha256, message: expect.stringContaining('does not authenticate') })]);
  });

  it('verify reports an object sealed with content changed by one byte as the SM3 check too', async () => {
    const { ctx, sha256 } = await importedStore();
    const bytes = await ctx.blobs.read(sha256);
    bytes[200] = bytes[200]! ^ 0x01;
    // Written under the original's name with the store's own keys: every tag holds, the content does not.
    await ctx.blobs.write(sha256, [bytes]);
    const report = await verifyStore(ctx.db, ctx.blobs);
    expect(report.ok).toBe(false);
    const kinds = report.problems.map((p) => `${p.kind}:${p.subject}`);
    expect(kinds).toContain(`sm3_mismatch:${sha256}`);
    expect(kinds).toContain(`hash_mismatch:${sha256}`);
  });

  it('verify reports a recorded SM3 the bytes do not give, even when the SHA-256 still holds', async () => {
    const { ctx, sha256 } = await importedStore();
    ctx.db.prepare('UPDATE files SET sm3 = ? WHERE sha256 = ?').run('0'.repeat(64), sha256);
    const report = await verifyStore(ctx.db, ctx.blobs);
    expect(report.problems.map((p) => `${p.kind}:${p.subject}`)).toEqual([`sm3_mismatch:${sha256}`]);
  });
});
