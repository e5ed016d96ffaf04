import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/contract';
import { BlobStore } from '../../electron/core/files/blob-store';
import { objectKeys } from '../../electron/core/files/object-cipher';
import { KEY_ROTATED, type RotationReport } from '../../electron/core/store/key-rotation';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { defaultKekSources } from '../../electron/core/store/keys/default-sources';
import { deriveKey, readStoreKeyRecord, unlockDataKey, type DataKey } from '../../electron/core/store/keys/store-key-record';
import { applyKey, newConnection } from '../../electron/core/store/open-database';
import { writeSmallPages } from '../helpers/filing-store';
import { json, runCli } from '../helpers/run-cli';
import { readStoreDb, writeStoreDb } from '../helpers/store-db';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const PASSPHRASE = '柜台恢复口令 correct horse battery';

async function storedNames(dataDir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const name of new BlobStore(dataDir, null).list()) names.push(name);
  return names;
}

async function currentKey(dataDir: string): Promise<DataKey> {
  const record = await readStoreKeyRecord(dataDir);
  if (!record) throw new Error('no key record');
  return unlockDataKey(record, defaultKekSources());
}

function opensDatabase(dataDir: string, key: DataKey): boolean {
  const db = newConnection(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    applyKey(db, deriveKey(key, 'sqlite'));
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** A store of three imported pages and a recovery key beside the OS user's own. */
async function station(): Promise<{ dir: string; data: string; recovery: string }> {
  const dir = await tempDir();
  const data = path.join(dir, 'data');
  const pages = await writeSmallPages(dir, 3);
  const imported = await runCli(['import', ...pages, '--batch', '柜台', '--data', data, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  const recovery = path.join(dir, 'usb', 'recovery.key');
  const exported = await runCli(['key', 'export', '--recovery', recovery, '--data', data, '--json'], { env: { HPF_DESK_RECOVERY_PASSPHRASE: PASSPHRASE } });
  expect(exported.code, exported.stderr).toBe(0);
  return { dir, data, recovery };
}

describe('hpf-desk key rotate', () => {
  it('puts the database and every object under a new data key; the same key file opens it, the old data key opens nothing, verify is unchanged', async () => {
    const { data, recovery } = await station();
    const before = json<VerifyReport>(await runCli(['verify', '--data', data, '--json']));
    expect(before).toMatchObject({ ok: true });
    const oldNames = await storedNames(data);
    const oldKey = await currentKey(data);
    const oldRecord = await readStoreKeyRecord(data);

    const rotated = await runCli(['key', 'rotate', '--data', data, '--json']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const report = json<RotationReport>(rotated);
    expect(report).toMatchObject({ reencrypted: oldNames.length, leftDamaged: 0, wraps: [oldRecord?.wraps[0]?.kek], dropped: [oldRecord?.wraps[1]?.kek] });

    // Same store, same content (and the rotation's audit event), every object checked under the new keys.
    expect(json<VerifyReport>(await runCli(['verify', '--data', data, '--json']))).toEqual({ ...before, checked: { ...before.checked, events: before.checked.events + 1 } });
    const newKey = await currentKey(data);
    expect(newKey.storeId).toBe(oldKey.storeId);
    expect(newKey.key.equals(oldKey.key)).toBe(false);
    expect((await readStoreKeyRecord(data))?.rotation).toBeUndefined();

    // Nothing opens with the old data key: not the database, not one object (all renamed too).
    expect(opensDatabase(data, oldKey)).toBe(false);
    expect(opensDatabase(data, newKey)).toBe(true);
    const newNames = await storedNames(data);
    expect(newNames).toHaveLength(oldNames.length);
    expect(newNames.filter((n) => oldNames.includes(n))).toEqual([]);
    const underOld = new BlobStore(data, objectKeys(oldKey));
    const underNew = new BlobStore(data, objectKeys(newKey));
    for (const name of newNames) {
      expect(await underOld.opens(name), name).toBe(false);
      expect(await underNew.opens(name), name).toBe(true);
    }

    // Audited once, by whom and with which keys.
    const db = await readStoreDb(data);
    try {
      expect(db.prepare('SELECT subject, data FROM events WHERE kind = ?').all(KEY_ROTATED)).toEqual([
        { subject: report.rotation, data: JSON.stringify({ wraps: ['key-file'] }) },
      ]);
    } finally {
      db.close();
    }

    // The recovery copy was not at hand: it no longer opens the store, and the operator was told so.
    const withRecovery = await runCli(['list', 'batches', '--data', data, '--json'], {
      env: { HPF_DESK_KEY_FILE: path.join(data, '..', 'new-pc.key'), HPF_DESK_RECOVERY: recovery, HPF_DESK_RECOVERY_PASSPHRASE: PASSPHRASE },
    });
    expect(json(withRecovery)).toMatchObject({ error: { code: 'locked' } });
  });

  it('re-makes the wrap of the recovery copy when the copy and its passphrase are given to it', async () => {
    const { data, recovery } = await station();
    const withCopy = { HPF_DESK_RECOVERY: recovery, HPF_DESK_RECOVERY_PASSPHRASE: PASSPHRASE };
    const rotated = await runCli(['key', 'rotate', '--data', data, '--json'], { env: withCopy });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(json<RotationReport>(rotated)).toMatchObject({ wraps: [{ kind: 'key-file' }, { kind: 'recovery' }], dropped: [] });
    const opened = await runCli(['list', 'batches', '--data', data, '--json'], { env: { ...withCopy, HPF_DESK_KEY_FILE: path.join(data, '..', 'new-pc.key') } });
    expect(opened.code, opened.stderr).toBe(0);
  });

  it('keeps a 国密 store 国密: its objects are re-encrypted under SM keys and its record still names the suite', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    const made = await runCli(['init', '--crypto', 'sm', '--data', data, '--json']);
    expect(made.code, made.stderr).toBe(0);
    const imported = await runCli(['import', ...(await writeSmallPages(dir, 2)), '--batch', '柜台', '--data', data, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const rotated = await runCli(['key', 'rotate', '--data', data, '--json']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect((await readStoreKeyRecord(data))?.crypto).toBe('sm');
    const newKey = await currentKey(data);
    const names = await storedNames(data);
    expect(names.length).toBeGreaterThan(0);
    const underSm = new BlobStore(data, objectKeys(newKey, 'sm'));
    const underAes = new BlobStore(data, objectKeys(newKey, 'standard'));
    for (const name of names) {
      expect(await underSm.opens(name), name).toBe(true);
      expect(await underAes.opens(name), name).toBe(false);
    }
    expect(json<VerifyReport>(await runCli(['verify', '--data', data, '--json']))).toMatchObject({ ok: true });
  });

  it('refuses while another process has the store open, and leaves it exactly as it was', async () => {
    const { data } = await station();
    const record = await readStoreKeyRecord(data);
    const names = await storedNames(data);
    // The app, holding the store as it does while it runs.
    const app = await writeStoreDb(data);
    try {
      const refused = await runCli(['key', 'rotate', '--data', data, '--json']);
      expect(refused.code).toBe(1);
      expect(json(refused)).toMatchObject({ error: { code: 'in-use' } });
    } finally {
      app.close();
    }
    expect(await readStoreKeyRecord(data)).toEqual(record);
    expect(await storedNames(data)).toEqual(names);
    expect((await runCli(['verify', '--data', data, '--json'])).code).toBe(0);
  });
});
