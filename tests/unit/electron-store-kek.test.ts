import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainKek } from '../../electron/main/store-kek';
import { fakeSafeStorage } from '../helpers/fake-electron';
import { useTempDirs } from '../helpers/temp-dir';

/*
 * The desktop app's key-encryption key for the store, sealed by safeStorage. Electron cannot run
 * here, so safeStorage is the stand-in the sync vault's tests use; the key file is a real file.
 */

const tempDir = useTempDirs();

describe('store key-encryption key in the OS keychain (main process)', () => {
  it('is made once, kept only sealed in a 0600 file, and comes back the same', async () => {
    const file = path.join(await tempDir(), 'profile', 'store-kek.json');
    const first = keychainKek(fakeSafeStorage(), file, 'linux');
    if ('reason' in first) throw new Error(`no keychain: ${first.reason}`);
    expect(first.key).toHaveLength(32);
    expect(await readFile(file, 'utf8')).not.toContain(first.key.toString('base64'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(keychainKek(fakeSafeStorage(), file, 'linux')).toEqual(first);
  });

  it("refuses Linux's basic_text backend and a missing keychain (the core falls back to the key file)", async () => {
    const file = path.join(await tempDir(), 'store-kek.json');
    expect(keychainKek(fakeSafeStorage({ backend: 'basic_text' }), file, 'linux')).toEqual({ reason: 'basic-text' });
    expect(keychainKek(fakeSafeStorage({ available: false }), file, 'win32')).toEqual({ reason: 'unavailable' });
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('never replaces a key the keychain cannot open: the store needs that one', async () => {
    const file = path.join(await tempDir(), 'store-kek.json');
    keychainKek(fakeSafeStorage(), file, 'darwin');
    const sealed = JSON.parse(await readFile(file, 'utf8')) as { sealed: string };
    await writeFile(file, JSON.stringify({ ...sealed, sealed: Buffer.from('v11 another account').toString('base64') }), { mode: 0o600 });
    const before = await readFile(file, 'utf8');
    expect(() => keychainKek(fakeSafeStorage(), file, 'darwin')).toThrow(/keychain cannot open/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
