import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkInputs } from '../../electron/core/import/walk-inputs';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** A real tree: `files` files of `size` bytes under `depth` nested folders. */
async function tree(root: string, options: { files: number; depth: number; size: number }): Promise<string> {
  let leaf = root;
  for (let d = 0; d < options.depth; d++) leaf = path.join(leaf, `level-${d}`);
  await mkdir(leaf, { recursive: true });
  for (let i = 0; i < options.files; i++) await writeFile(path.join(leaf, `scan-${i}.png`), Buffer.alloc(options.size, 1));
  return root;
}

describe('import walks are limited: paths from the UI are not trusted', () => {
  const limits = { files: 5, depth: 3, bytes: 10_000 };

  it('walks a folder within the limits', async () => {
    const root = await tree(await tempDir(), { files: 5, depth: 3, size: 2000 });
    expect((await walkInputs([root], { folders: true, limits })).files).toHaveLength(5);
  });

  it('refuses the whole walk past any limit: file count, folder depth, total bytes', async () => {
    const many = await tree(await tempDir(), { files: 6, depth: 0, size: 10 });
    await expect(walkInputs([many], { folders: true, limits })).rejects.toMatchObject({ code: 'bad_request', details: { limit: 'files' } });
    const deep = await tree(await tempDir(), { files: 1, depth: 5, size: 10 });
    await expect(walkInputs([deep], { folders: true, limits })).rejects.toMatchObject({ code: 'bad_request', details: { limit: 'folder levels' } });
    const heavy = await tree(await tempDir(), { files: 2, depth: 0, size: 6000 });
    await expect(walkInputs([heavy], { folders: true, limits })).rejects.toMatchObject({ code: 'bad_request', details: { limit: 'bytes' } });
  });

  it('refuses device and kernel files, also behind a symlink, and folders to who may not walk them', async () => {
    const dir = await tempDir();
    const disguised = path.join(dir, 'page-1.png');
    await symlink('/dev/zero', disguised);
    const walked = await walkInputs(['/dev/null', disguised, '/proc/self/status'], { folders: true, limits });
    expect(walked.files).toEqual([]);
    expect(walked.errors.map((e) => [e.file, e.error.code])).toEqual([
      ['/dev/null', 'unreadable'],
      [disguised, 'unreadable'],
      ['/proc/self/status', 'unreadable'],
    ]);
    await expect(walkInputs(['/'], { folders: false, limits })).rejects.toMatchObject({ code: 'forbidden', details: { permission: 'import.folders' } });
  });
});
