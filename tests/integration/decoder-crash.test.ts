import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * A decoder that dies natively (here: abort(), as a segfault in libvips or a decoder's own
 * assertion would) must fail that file only. The decoders run in processes of their own, so the
 * abort ends one of them; in a worker thread it would have ended this test process too.
 */
const tempDir = useTempDirs();
const open: CoreContext[] = [];
const MARKER = 'DIE-IN-DECODER';
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  delete process.env.HPF_DESK_TEST_DECODER_CRASH;
});

describe('a decoder that crashes', () => {
  it('fails its own file with decoder_failed; the core and the rest of the import go on, and crash after crash', async () => {
    const root = await tempDir();
    const SIZE = { width: 620, height: 877, dpi: 75 };
    const names = ['1.jpg', `2-${MARKER}.jpg`, '3.jpg', `4-${MARKER}.jpg`, '5.jpg'];
    const files: string[] = [];
    for (const [i, name] of names.entries()) {
      const file = path.join(root, name);
      await writeFile(file, await syntheticJpeg(60 + i, SIZE));
      files.push(file);
    }
    // Decoder processes inherit the environment: they abort on the marked files.
    process.env.HPF_DESK_TEST_DECODER_CRASH = MARKER;
    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'tester', workers: 1 });
    open.push(ctx);
    const batch = createBatch(ctx.db, 'tester', { name: 'b', kind: 'counter', business: null });
    const result = await importPaths(ctx, batch.id, files);

    expect(result.imported.map((f) => path.basename(f.file))).toEqual(['1.jpg', '3.jpg', '5.jpg']);
    expect(result.rejected.map((r) => [path.basename(r.file), r.error.code])).toEqual([
      [`2-${MARKER}.jpg`, 'decoder_failed'],
      [`4-${MARKER}.jpg`, 'decoder_failed'],
    ]);
    expect(result.rejected[0]!.error.message).toBe('the decoder stopped unexpectedly on this file');
    expect(listPages(ctx.db, batch.id)).toHaveLength(3);
    // The same core goes on working with the decoders that replaced the dead ones.
    const later = path.join(root, '6.jpg');
    await writeFile(later, await syntheticJpeg(70, SIZE));
    expect((await importPaths(ctx, batch.id, [later])).imported).toHaveLength(1);
    expect((await verifyStore(ctx.db, ctx.blobs)).ok).toBe(true);
  });
});
