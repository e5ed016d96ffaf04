import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/contract';
import { writeContents } from '../../electron/core/bench/lifecycle/lifecycle-model';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { nextEvent } from '../helpers/core-events';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('hpf-desk backup and restore', () => {
  it('a backup taken by the CLI while the app imports restores to a store that verifies', async () => {
    const root = await tempDir();
    const files = await writeContents(path.join(root, 'in'), 8);
    const dataDir = path.join(root, 'data');
    const ctx = await openCoreContext({ dataDir, actor: 'archivist', workers: 1 });
    const out = path.join(root, 'backup');
    let imported: number;
    try {
      const batch = createBatch(ctx.db, ctx.actor, { name: '备份中导入', kind: 'backfile', business: null });
      const firstFile = nextEvent(ctx, (e) => e.type === 'import.progress');
      const importing = importPaths(ctx, batch.id, files);
      await firstFile;
      const backup = await runCli(['backup', '--out', out, '--data', dataDir, '--json']);
      expect(backup.code, backup.stderr).toBe(0);
      expect(json<{ out: string; objects: number }>(backup)).toMatchObject({ out, objects: expect.any(Number) });
      imported = (await importing).imported.length;
      expect(imported).toBe(files.length);
    } finally {
      await ctx.close();
    }
    // Only the database, its wrapped key, the station key its audit chain needs and the objects: no WAL, no temp folders, no lease of the backup's own.
    expect((await readdir(out)).sort()).toEqual(['desk.sqlite', 'objects', 'station-key.json', 'store-key.json']);
    // The backup is as encrypted as the store: no SQLite header, no table name in the clear.
    const copy = await readFile(path.join(out, 'desk.sqlite'));
    expect(copy.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(copy.includes('source_files')).toBe(false);

    const restoredDir = path.join(root, 'restored');
    const restored = await runCli(['restore', '--from', out, '--data', restoredDir, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    const report = json<{ objects: number; verify: VerifyReport }>(restored);
    expect(report.verify).toMatchObject({ ok: true, problems: [] });
    const listed = json<Array<{ id: string }>>(await runCli(['list', 'documents', '--data', restoredDir, '--json']));
    // The snapshot holds whole files only: at least the first, at most all of them.
    expect(listed.length).toBeGreaterThanOrEqual(1);
    expect(listed.length).toBeLessThanOrEqual(imported);

    // A second restore into a folder that is not empty is refused, and changes nothing there.
    const again = await runCli(['restore', '--from', out, '--data', restoredDir, '--json']);
    expect(again.code).toBe(1);
    expect(again.stderr + again.stdout).toContain('not empty');
  });
});
