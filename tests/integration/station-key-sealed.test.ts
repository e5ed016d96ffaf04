import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendEvent, checkEventChain, stationKeyOf } from '../../electron/core/audit/event-log';
import { STATION_KEY_FILE } from '../../electron/core/audit/station-key';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { rotateDataKey } from '../../electron/core/store/key-rotation';
import { defaultKekSources } from '../../electron/core/store/keys/default-sources';
import { openDatabase } from '../../electron/core/store/open-database';
import { openStore } from '../../electron/core/store/open-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

const stationFile = async (dataDir: string) => JSON.parse(await readFile(path.join(dataDir, STATION_KEY_FILE), 'utf8')) as { version: number; seals?: unknown[] };

describe('the station key at rest', () => {
  it('a clear station key of an earlier version is sealed in place when its store is encrypted, and stays the same key through a rotation', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    await mkdir(dataDir);
    // An earlier version's store: plaintext database, the station's private key in the clear beside it.
    const old = openDatabase(path.join(dataDir, DATABASE_FILE), { key: null });
    const key = stationKeyOf(old)!;
    appendEvent(old, { actor: 'clerk', kind: 'test.before', subject: 's', data: {} });
    old.close();
    expect(await readFile(path.join(dataDir, STATION_KEY_FILE), 'utf8')).toContain(key.keys.privateKey);

    const opened = await openStore(dataDir, defaultKekSources());
    try {
      expect(stationKeyOf(opened.db)).toEqual(key);
      appendEvent(opened.db, { actor: 'clerk', kind: 'test.after', subject: 's', data: {} });
      expect(checkEventChain(opened.db).broken).toEqual([]);
    } finally {
      opened.db.close();
    }
    const sealed = await readFile(path.join(dataDir, STATION_KEY_FILE), 'utf8');
    expect(sealed).not.toContain(key.keys.privateKey);
    expect(await stationFile(dataDir)).toMatchObject({ version: 2, seals: [expect.anything()] });

    // Re-sealed under the rotated key: one seal again, the same key pair, the chain unbroken.
    await rotateDataKey(dataDir, defaultKekSources(), 'admin');
    expect(await stationFile(dataDir)).toMatchObject({ version: 2, seals: [expect.anything()] });
    expect(await readFile(path.join(dataDir, STATION_KEY_FILE), 'utf8')).not.toEqual(sealed);
    const rotated = await openStore(dataDir, defaultKekSources());
    try {
      expect(stationKeyOf(rotated.db)).toEqual(key);
      expect(checkEventChain(rotated.db)).toEqual({ count: 3, broken: [] });
    } finally {
      rotated.db.close();
    }
  });
});
