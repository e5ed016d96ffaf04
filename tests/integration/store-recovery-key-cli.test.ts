import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoreKeyRecord } from '../../electron/core/store/keys/store-key-record';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';
import { writeSmallPages } from '../helpers/filing-store';

const tempDir = useTempDirs();

describe('hpf-desk key export --recovery-key-file (a plain key file)', () => {
  it('writes a private recovery key that opens the store after its own key file is gone; never overwrites a file', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    const own = { HPF_DESK_KEY_FILE: path.join(dir, 'user', 'store.key') };
    const pages = await writeSmallPages(dir, 2);
    const imported = await runCli(['import', ...pages, '--batch', '柜台', '--data', data, '--json'], { env: own });
    expect(imported.code, imported.stderr).toBe(0);

    const recovery = path.join(dir, 'usb', 'recovery.key');
    const exported = await runCli(['key', 'export', '--recovery-key-file', recovery, '--data', data, '--json'], { env: own });
    expect(exported.code, exported.stderr).toBe(0);
    const { id } = json<{ recovery: string; id: string; kind: string }>(exported);
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
    const again = await runCli(['key', 'export', '--recovery-key-file', recovery, '--data', data, '--json'], { env: own });
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
    const refused = await runCli(['key', 'export', '--recovery-key-file', path.join(dir, 'r.key'), '--data', data, '--json'], { env: other });
    expect(json(refused)).toMatchObject({ error: { code: 'locked' } });
    expect((await readStoreKeyRecord(data))?.wraps).toHaveLength(1);
  });
});

describe('hpf-desk key export --recovery (sealed under a recovery passphrase)', () => {
  const PASSPHRASE = '柜台恢复口令 correct horse battery';

  it('opens the store with the file and its passphrase, and with neither alone; a wrong passphrase is told apart', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    const own = { HPF_DESK_KEY_FILE: path.join(dir, 'user', 'store.key') };
    const pages = await writeSmallPages(dir, 2);
    expect((await runCli(['import', ...pages, '--batch', '柜台', '--data', data, '--json'], { env: own })).code).toBe(0);

    const recovery = path.join(dir, 'usb', 'recovery.key');
    const exported = await runCli(['key', 'export', '--recovery', recovery, '--data', data, '--json'], { env: { ...own, HPF_DESK_RECOVERY_PASSPHRASE: PASSPHRASE } });
    expect(exported.code, exported.stderr).toBe(0);
    const { id, kind } = json<{ id: string; kind: string }>(exported);
    expect(kind).toBe('recovery');
    if (process.platform !== 'win32') expect((await stat(recovery)).mode & 0o777).toBe(0o600);
    expect((await readStoreKeyRecord(data))?.wraps.map((w) => w.kek)).toEqual([{ kind: 'key-file', id: expect.any(String) }, { kind: 'recovery', id }]);
    // The file holds its key sealed: no 32-byte key in the clear, nothing of the passphrase.
    const text = await readFile(recovery, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'hpf-desk/recovery-key', id, kdf: { n: 1 << 16 } });
    expect(text).not.toContain('"key"');

    // The counter PC is gone with its user's key file.
    const lost = { HPF_DESK_KEY_FILE: path.join(dir, 'new-pc', 'store.key') };
    const list = (env: NodeJS.ProcessEnv) => runCli(['list', 'batches', '--data', data, '--json'], { env: { ...lost, ...env } });
    const opened = await list({ HPF_DESK_RECOVERY: recovery, HPF_DESK_RECOVERY_PASSPHRASE: PASSPHRASE });
    expect(opened.code, opened.stderr).toBe(0);
    expect(json<Array<{ name: string }>>(opened).map((b) => b.name)).toEqual(['柜台']);
    // A mistyped passphrase: wrong-key, not a damaged store.
    expect(json(await list({ HPF_DESK_RECOVERY: recovery, HPF_DESK_RECOVERY_PASSPHRASE: `${PASSPHRASE}!` }))).toMatchObject({ error: { code: 'wrong-key' } });
    // The file without its passphrase (no terminal here), or the passphrase without the file: locked.
    expect(json(await list({ HPF_DESK_RECOVERY: recovery }))).toMatchObject({ error: { code: 'locked' } });
    expect(json(await list({ HPF_DESK_STORE_PASSPHRASE: PASSPHRASE }))).toMatchObject({ error: { code: 'locked' } });
  });

  it('takes the passphrase from a file for scripts, refuses a short one and never overwrites a file', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    expect((await runCli(['init', '--data', data, '--json'])).code).toBe(0);
    const short = path.join(dir, 'short.txt');
    await writeFile(short, 'too short\n');
    const recovery = path.join(dir, 'r.key');
    const refused = await runCli(['key', 'export', '--recovery', recovery, '--passphrase-file', short, '--data', data, '--json']);
    expect(json(refused)).toMatchObject({ error: { code: 'usage' } });
    expect(existsSync(recovery)).toBe(false);
    expect((await readStoreKeyRecord(data))?.wraps).toHaveLength(1);

    const good = path.join(dir, 'good.txt');
    await writeFile(good, `${PASSPHRASE}\n`);
    const exported = await runCli(['key', 'export', '--recovery', recovery, '--passphrase-file', good, '--data', data, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    const opened = await runCli(['list', 'batches', '--data', data, '--json'], {
      env: { HPF_DESK_KEY_FILE: path.join(dir, 'elsewhere.key'), HPF_DESK_RECOVERY: recovery, HPF_DESK_RECOVERY_PASSPHRASE: PASSPHRASE },
    });
    expect(opened.code, opened.stderr).toBe(0);

    const before = await readFile(recovery, 'utf8');
    const again = await runCli(['key', 'export', '--recovery', recovery, '--passphrase-file', good, '--data', data, '--json']);
    expect(again.code).toBe(1);
    expect(await readFile(recovery, 'utf8')).toBe(before);
    expect((await readStoreKeyRecord(data))?.wraps).toHaveLength(2);
  });
});
