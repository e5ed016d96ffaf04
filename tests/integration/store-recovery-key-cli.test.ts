import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoreKeyRecord } from '../../electron/core/store/keys/store-key-record';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';
import { writeSmallPages } from '../helpers/filing-store';

const tempDir = useTempDirs();

describe('hpf-desk key export --recovery', () => {
  it('writes a private recovery key that opens the store after its own key file is gone; never overwrites a file', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    const own = { HPF_DESK_KEY_FILE: path.join(dir, 'user', 'store.key') };
    const pages = await writeSmallPages(dir, 2);
    const imported = await runCli(['import', ...pages, '--batch', '柜台', '--data', data, '--json'], { env: own });
    expect(imported.code, imported.stderr).toBe(0);

    const recovery = path.join(dir, 'usb', 'recovery.key');
    const exported = await runCli(['key', 'export', '--recovery', recovery, '--data', data, '--json'], { env: own });
    expect(exported.code, exported.stderr).toBe(0);
    const { id } = json<{ recovery: string; id: string }>(exported);
    if (process.platform !== 'win32') expect((await stat(recovery)).mode & 0o777).toBe(0o600);
    expect((await readStoreKeyRecord(data))?.wraps.map((w) => w.kek)).toEqual([
      { kind: 'key-file', id: expect.any(String) },
      { kind: 'key-file', id },
    ]);

    // The counter PC is gone with its user's key file: a fresh one does not open the store…
    const lost = { HPF_DESK_KEY_FILE: path.join(dir, 'new-pc', 'store.key') };
    expect(json(await runCli(['list', 'batches', '--data', data, '--json'], { env: lost }))).toMatchObject({ error: { code: 'locked' } });
    // …the recovery key does, with everything in it.
    const listed = await runCli(['list', 'batches', '--data', data, '--json'], { env: { HPF_DESK_KEY_FILE: recovery } });
    expect(listed.code, listed.stderr).toBe(0);
    expect(json<Array<{ name: string }>>(listed).map((b) => b.name)).toEqual(['柜台']);

    // An existing file is never overwritten, and the record is left as it was.
    const before = await readFile(recovery, 'utf8');
    const again = await runCli(['key', 'export', '--recovery', recovery, '--data', data, '--json'], { env: own });
    expect(again.code).toBe(1);
    expect(again.stderr + again.stdout).toContain('exists already');
    expect(await readFile(recovery, 'utf8')).toBe(before);
    expect((await readStoreKeyRecord(data))?.wraps).toHaveLength(2);
  });

  it('gives no recovery key for a store its user cannot open', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    expect((await runCli(['init', '--data', data, '--json'], { env: { HPF_DESK_KEY_FILE: path.join(dir, 'a.key') } })).code).toBe(0);
    const other = { HPF_DESK_KEY_FILE: path.join(dir, 'b.key') };
    const refused = await runCli(['key', 'export', '--recovery', path.join(dir, 'r.key'), '--data', data, '--json'], { env: other });
    expect(json(refused)).toMatchObject({ error: { code: 'locked' } });
    expect((await readStoreKeyRecord(data))?.wraps).toHaveLength(1);
  });
});
