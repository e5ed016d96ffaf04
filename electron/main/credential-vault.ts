import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { nullIfMissing } from '../core/files/missing-file';
import { writePrivateFile } from '../core/files/private-file';
import type { S3Credentials } from '../core/sync/credentials';

/** The part of Electron's `safeStorage` used here (a parameter, so the vault is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which password store backs the key. */
  getSelectedStorageBackend?(): string;
}

/** What the main process does with sync keys for the core. */
export interface CredentialVault {
  get(target: string | null): Promise<S3Credentials | null>;
  save(target: string, credentials: S3Credentials): Promise<void>;
  remove(target: string): Promise<void>;
}

/**
 * On disk: the access key id in clear (it names a key, it does not open anything; the settings
 * screen shows it masked) and the secret as safeStorage ciphertext. The plain secret is never
 * written anywhere.
 */
const VaultFile = z.object({
  format: z.literal('hpf-desk/sync-credentials'),
  version: z.literal(1),
  targets: z.record(z.string(), z.object({ accessKeyId: z.string().min(1), secret: z.string().min(1), savedAt: z.string() })),
});
type VaultFile = z.infer<typeof VaultFile>;

const Secret = z.object({ secretAccessKey: z.string().min(1), sessionToken: z.string().optional() });

const EMPTY: VaultFile = { format: 'hpf-desk/sync-credentials', version: 1, targets: {} };

export class VaultError extends Error {
  override name = 'VaultError';
}

/**
 * Sync keys kept by the OS keychain through Electron's safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/KWallet on Linux). Refuses to keep anything where safeStorage would only
 * obscure it: no keychain at all, or Linux's `basic_text` fallback with its built-in password.
 */
export function createCredentialVault(safeStorage: SafeStorageLike, file: string, platform: NodeJS.Platform = process.platform): CredentialVault {
  // One write at a time, each seeing the previous one's result.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  function requireKeychain(): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new VaultError('系统钥匙串不可用，无法保存密钥；请改用环境变量或凭据文件 / the OS keychain is not available: keys cannot be kept here; use the environment or a credentials file');
    }
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new VaultError('没有找到系统密码库（gnome-keyring 或 KWallet），密钥不会被保存 / no OS password store (gnome-keyring or KWallet) was found: keys are not kept with a built-in password');
    }
  }

  async function load(): Promise<VaultFile> {
    const text = await nullIfMissing(readFile(file, 'utf8'));
    if (text === null) return EMPTY;
    try {
      return VaultFile.parse(JSON.parse(text));
    } catch {
      throw new VaultError(`密钥文件已损坏，请在同步设置中重新填写 / the key file is damaged, enter the keys again in the sync settings: ${file}`);
    }
  }

  async function store(vault: VaultFile): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writePrivateFile(file, `${JSON.stringify(vault, null, 2)}\n`);
  }

  return {
    async get(target) {
      if (target === null) return null;
      const entry = (await load()).targets[target];
      if (!entry) return null;
      requireKeychain();
      let secret: z.infer<typeof Secret>;
      try {
        secret = Secret.parse(JSON.parse(safeStorage.decryptString(Buffer.from(entry.secret, 'base64'))));
      } catch {
        // Another user, another machine or a reinstalled OS: the keychain's key is not the one that encrypted this.
        throw new VaultError(`无法解密“${target}”的密钥（系统钥匙串已变更？），请在同步设置中重新填写 / the keys of “${target}” cannot be decrypted (the OS keychain changed?): enter them again in the sync settings`);
      }
      return { accessKeyId: entry.accessKeyId, ...secret };
    },
    save: (target, credentials) =>
      serial(async () => {
        requireKeychain();
        const sealed = safeStorage.encryptString(
          JSON.stringify({ secretAccessKey: credentials.secretAccessKey, ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}) }),
        );
        const vault = await load();
        const entry = { accessKeyId: credentials.accessKeyId, secret: sealed.toString('base64'), savedAt: new Date().toISOString() };
        await store({ ...vault, targets: { ...vault.targets, [target]: entry } });
      }),
    remove: (target) =>
      serial(async () => {
        const vault = await load();
        if (!(target in vault.targets)) return;
        await store({ ...vault, targets: Object.fromEntries(Object.entries(vault.targets).filter(([name]) => name !== target)) });
      }),
  };
}
