import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hostCredentials } from '../../electron/core/host/host-credentials';
import type { HostReply, HostRequest } from '../../electron/core/host/utility-process-entry';
import { createCredentialVault } from '../../electron/main/credential-vault';
import { fakeSafeStorage, type FakeUtilityProcess } from '../helpers/fake-electron';
import { useTempDirs } from '../helpers/temp-dir';

/*
 * The desktop app's keychain path: the main process's vault on Electron's safeStorage, and the
 * request/answer exchange with the core in its utility process. Electron cannot run here, so
 * safeStorage and the utility process are small stand-ins; the vault file is a real file.
 */

const tempDir = useTempDirs();

const KEYS = { accessKeyId: 'AKIAEXAMPLE12345', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET' };

describe('credential vault (main process, safeStorage)', () => {
  it('keeps only ciphertext on disk, in a file only the user can read, and gives the keys back per target', async () => {
    const file = path.join(await tempDir(), 'profile', 'sync-credentials.json');
    const vault = createCredentialVault(fakeSafeStorage(), file, 'linux');
    expect(await vault.get('中心')).toBeNull();
    await vault.save('中心', KEYS);
    await vault.save('备份', { accessKeyId: 'AKIAOTHER', secretAccessKey: 'other-secret' });

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(KEYS.secretAccessKey);
    expect(text).not.toContain('other-secret');
    expect(JSON.parse(text)).toMatchObject({ format: 'hpf-desk/sync-credentials', targets: { 中心: { accessKeyId: KEYS.accessKeyId } } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    expect(await vault.get('中心')).toEqual(KEYS);
    expect(await vault.get(null)).toBeNull();
    await vault.remove('中心');
    expect(await vault.get('中心')).toBeNull();
    expect(await vault.get('备份')).toEqual({ accessKeyId: 'AKIAOTHER', secretAccessKey: 'other-secret' });
  });

  it('refuses to keep keys without a real OS keychain (none, or Linux basic_text)', async () => {
    const dir = await tempDir();
    const none = createCredentialVault(fakeSafeStorage({ available: false }), path.join(dir, 'a.json'), 'win32');
    await expect(none.save('中心', KEYS)).rejects.toThrow(/keychain is not available/);
    const basic = createCredentialVault(fakeSafeStorage({ backend: 'basic_text' }), path.join(dir, 'b.json'), 'linux');
    await expect(basic.save('中心', KEYS)).rejects.toThrow(/no OS password store/);
    // basic_text is a Linux notion: elsewhere the store is the platform's own.
    await createCredentialVault(fakeSafeStorage({ backend: 'basic_text' }), path.join(dir, 'c.json'), 'darwin').save('中心', KEYS);
  });

  it('says plainly when the keys cannot be read back (another keychain, damaged file)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'sync-credentials.json');
    await createCredentialVault(fakeSafeStorage(), file, 'linux').save('中心', KEYS);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { targets: Record<string, { secret: string }> };
    stored.targets['中心']!.secret = Buffer.from('not what was sealed').toString('base64');
    await writeFile(file, JSON.stringify(stored));
    await expect(createCredentialVault(fakeSafeStorage(), file, 'linux').get('中心')).rejects.toThrow(/cannot be decrypted/);
    await writeFile(file, '{"format":');
    await expect(createCredentialVault(fakeSafeStorage(), file, 'linux').get('中心')).rejects.toThrow(/damaged/);
  });
});

type CoreProcess = FakeUtilityProcess<HostRequest, HostReply>;

const electron = await vi.hoisted(async () => (await import('../helpers/fake-electron')).createFakeElectron());
vi.mock('electron', () => electron.module);
const forks = electron.forks;

const { startCoreHost } = await import('../../electron/main/core-host');

describe('keys between the core and the main process', () => {
  it('the core saves and reads keys through the main process; only the main process holds the vault', async () => {
    const file = path.join(await tempDir(), 'sync-credentials.json');
    const safeStorage = fakeSafeStorage();
    forks.length = 0;
    startCoreHost({ entry: '/dist/core/utility-process.mjs', ocrHostEntry: '/dist/core/ocr-host.mjs', mediaWorkerEntry: '/dist/core/media-worker.mjs', packaged: false, dataDir: '/data', storeKek: null, onEvent: () => undefined, onFatal: () => undefined, credentials: createCredentialVault(safeStorage, file, 'linux') });
    const proc = forks[0] as CoreProcess;
    // The core side: its requests go up as the utility process's messages, answers come back down.
    const keychain = hostCredentials((request) => proc.emit('message', request satisfies HostReply));
    proc.on('sent', (message: HostRequest) => {
      if (message.type === 'credentials-result') keychain.answer(message);
    });

    expect(keychain.provider.source).toBe('keychain');
    await keychain.provider.save!('中心', KEYS);
    expect(safeStorage.calls).toBe(1);
    expect(await readFile(file, 'utf8')).not.toContain(KEYS.secretAccessKey);
    expect(await keychain.provider.get('中心')).toEqual(KEYS);
    expect(await keychain.provider.get('别处')).toBeNull();
    await keychain.provider.remove!('中心');
    expect(await keychain.provider.get('中心')).toBeNull();
  });

  it('a keychain failure reaches the core as an error with the reason, and the host keeps running', async () => {
    const file = path.join(await tempDir(), 'sync-credentials.json');
    forks.length = 0;
    const host = startCoreHost({ entry: '/dist/core/utility-process.mjs', ocrHostEntry: '/dist/core/ocr-host.mjs', mediaWorkerEntry: '/dist/core/media-worker.mjs', packaged: false, dataDir: '/data', storeKek: null, onEvent: () => undefined, onFatal: () => undefined, credentials: createCredentialVault(fakeSafeStorage({ available: false }), file, 'win32') });
    const proc = forks[0] as CoreProcess;
    const keychain = hostCredentials((request) => proc.emit('message', request));
    proc.on('sent', (message: HostRequest) => {
      if (message.type === 'credentials-result') keychain.answer(message);
    });
    await expect(keychain.provider.save!('中心', KEYS)).rejects.toThrow(/keychain is not available/);
    const call = host.dispatch('sync.status', {}, 'window-1');
    const sentCall = proc.sent.find((m) => m.type === 'call');
    expect(sentCall).toMatchObject({ type: 'call', method: 'sync.status' });
    proc.emit('message', { type: 'result', id: (sentCall as { id: number }).id, result: { ok: true, value: 'status' } } satisfies HostReply);
    await expect(call).resolves.toEqual({ ok: true, value: 'status' });
  });

  it('an answer that never comes is an error after the timeout, not a hang', async () => {
    const keychain = hostCredentials(() => undefined, 20);
    await expect(keychain.provider.get('中心')).rejects.toThrow(/did not answer/);
  });
});
