import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoreKeyRecord } from '../../electron/core/store/keys/store-key-record';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const PASSPHRASE = '长城-2026-档案-口令';

describe('hpf-desk init --passphrase', () => {
  it('locks a new store with the operator passphrase: later commands need it, and say `locked` or `wrong-key` without it', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    // A key file of its own, so the test can tell that none was used.
    const env = { HPF_DESK_KEY_FILE: path.join(dir, 'store.key') };
    const init = await runCli(['init', '--passphrase', '--data', data, '--json'], { env: { ...env, HPF_DESK_STORE_PASSPHRASE: PASSPHRASE } });
    expect(init.code, init.stderr).toBe(0);
    expect((await readStoreKeyRecord(data))?.wraps.map((w) => w.kek.kind)).toEqual(['passphrase']);

    expect(json(await runCli(['list', 'batches', '--data', data, '--json'], { env }))).toMatchObject({ error: { code: 'locked' } });
    expect(json(await runCli(['list', 'batches', '--data', data, '--json'], { env: { ...env, HPF_DESK_STORE_PASSPHRASE: 'not-the-passphrase' } }))).toMatchObject({
      error: { code: 'wrong-key' },
    });
    expect(json(await runCli(['list', 'batches', '--data', data, '--json'], { env: { ...env, HPF_DESK_STORE_PASSPHRASE: PASSPHRASE } }))).toEqual([]);
  });
});
