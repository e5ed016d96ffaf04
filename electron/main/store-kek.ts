import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { nullIfMissingSync } from '../core/files/missing-file';
import { createPrivateFileSync } from '../core/files/private-file';
import type { SafeStorageLike } from './credential-vault';

/** The store's key-encryption key as the core receives it (the bytes cross only the process boundary). */
export interface KeychainKek {
  readonly id: string;
  readonly key: Buffer;
}

const Sealed = z.object({ format: z.literal('hpf-desk/store-kek'), version: z.literal(1), id: z.uuid(), sealed: z.base64() });

/**
 * Why the app has no keychain key for the store; the core then falls back to the command line's
 * key file, so the station still opens (and says so in the log).
 */
export type NoKeychain = { readonly reason: 'unavailable' | 'basic-text' };

/**
 * The desktop app's key-encryption key for the store: 32 random bytes sealed by the OS keychain
 * through safeStorage (Keychain, DPAPI, libsecret/KWallet), kept beside the shell's profile and
 * never in the data folder. Linux's `basic_text` backend seals with a password built into
 * Chromium, which protects nothing, so it is refused as the sync vault refuses it.
 * Synchronous: it runs once, before the core starts, on a file of a hundred bytes.
 */
export function keychainKek(safeStorage: SafeStorageLike, file: string, platform: NodeJS.Platform = process.platform): KeychainKek | NoKeychain {
  if (!safeStorage.isEncryptionAvailable()) return { reason: 'unavailable' };
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return { reason: 'basic-text' };
  const existing = readSealed(safeStorage, file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const made = { format: 'hpf-desk/store-kek', version: 1, id: randomUUID(), sealed: safeStorage.encryptString(key.toString('base64')).toString('base64') } as const;
  // A second window of the app starting at once must not replace the first's key.
  createPrivateFileSync(file, `${JSON.stringify(made)}\n`);
  const now = readSealed(safeStorage, file);
  if (!now) throw new Error(`could not keep the store key: ${file}`);
  return now;
}

function readSealed(safeStorage: SafeStorageLike, file: string): KeychainKek | null {
  const text = nullIfMissingSync(() => readFileSync(file, 'utf8'));
  if (text === null) return null;
  const parsed = Sealed.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(`数据存储密钥文件已损坏 / the store key file is damaged: ${file}`);
  let key: Buffer;
  try {
    key = Buffer.from(safeStorage.decryptString(Buffer.from(parsed.data.sealed, 'base64')), 'base64');
  } catch {
    // Another OS account or a reinstalled OS: never make a new key over it, the store needs this one.
    throw new Error(`系统钥匙串打不开数据存储的密钥（系统账户已变更？请用恢复口令）/ the OS keychain cannot open the store's key (the OS account changed? use the recovery passphrase): ${file}`);
  }
  if (key.length !== 32) throw new Error(`数据存储密钥文件已损坏 / the store key file is damaged: ${file}`);
  return { id: parsed.data.id, key };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
