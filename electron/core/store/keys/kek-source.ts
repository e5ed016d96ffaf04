import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { ensureKeyFile, readKeyFile } from './key-file';
import { StoreKeyError } from './store-key-error';

/**
 * Where the key-encryption key (KEK) of a wrap comes from, as the store's key record names it.
 * The record never holds a KEK, only enough to find it again: a key file's id, a keychain
 * entry's id, a recovery copy's id (recovery-file.ts), or a passphrase's scrypt parameters and salt.
 */
export type KekRef =
  | { readonly kind: 'key-file'; readonly id: string }
  | { readonly kind: 'os-keychain'; readonly id: string }
  | { readonly kind: 'recovery'; readonly id: string }
  | { readonly kind: 'passphrase'; readonly salt: string; readonly n: number; readonly r: number; readonly p: number };

/** One way of holding a KEK that the station's operator or OS user has. */
export interface KekSource {
  /** For messages: what the operator would check ("the key file ~/.config/…"). */
  readonly describe: string;
  /** A KEK for a new wrap of a data key, and the reference to store beside it. */
  create(): Promise<{ readonly ref: KekRef; readonly kek: Buffer }>;
  /**
   * The KEK a wrap needs, or null when the wrap is not of this source's kind. Throws
   * `wrong-key` when it is of this kind but this source holds another key.
   */
  open(ref: KekRef): Promise<Buffer | null>;
}

/** The command line and browser mode: a 0600 key file in the user's config folder. */
export function keyFileSource(file: string): KekSource {
  return {
    describe: `密钥文件 key file ${file}`,
    async create() {
      const made = await ensureKeyFile(file);
      return { ref: { kind: 'key-file', id: made.id }, kek: made.key };
    },
    async open(ref) {
      if (ref.kind !== 'key-file') return null;
      const held = await readKeyFile(file);
      if (!held) return null;
      if (held.id !== ref.id) {
        throw new StoreKeyError(
          'wrong-key',
          `此数据存储由另一个密钥文件（${ref.id}）加密，${file} 是 ${held.id} / this store is locked with another key file (${ref.id}); ${file} is ${held.id}`,
        );
      }
      return held.key;
    },
  };
}

/** The desktop app: a KEK the main process keeps sealed by the OS keychain and hands to the core. */
export function keychainSource(id: string, key: Buffer): KekSource {
  return {
    describe: `系统钥匙串 OS keychain (${id})`,
    create: async () => ({ ref: { kind: 'os-keychain', id }, kek: key }),
    async open(ref) {
      if (ref.kind !== 'os-keychain') return null;
      if (ref.id !== id) {
        throw new StoreKeyError('wrong-key', `此数据存储由另一个系统账户的钥匙串加密 / this store is locked by another OS account's keychain (${ref.id})`);
      }
      return key;
    },
  };
}

// scrypt cost: ~100 ms and 64 MiB on a counter PC; asked once per command, never per page.
const SCRYPT = { n: 1 << 16, r: 8, p: 1 } as const;
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

type PassphraseRef = Extract<KekRef, { kind: 'passphrase' }>;

/** A fresh salt with this version's scrypt costs. */
export function newPassphraseRef(): PassphraseRef {
  return { kind: 'passphrase', salt: randomBytes(16).toString('base64'), ...SCRYPT };
}

export function deriveFromPassphrase(passphrase: string, ref: PassphraseRef): Promise<Buffer> {
  return scryptAsync(passphrase.normalize('NFC'), Buffer.from(ref.salt, 'base64'), 32, {
    N: ref.n,
    r: ref.r,
    p: ref.p,
    maxmem: 256 * ref.n * ref.r,
  });
}

/** An operator passphrase, asked only when a wrap needs it. */
export function passphraseSource(ask: () => Promise<string>): KekSource {
  return {
    describe: '操作员口令 operator passphrase',
    async create() {
      const ref = newPassphraseRef();
      return { ref, kek: await deriveFromPassphrase(await ask(), ref) };
    },
    async open(ref) {
      if (ref.kind !== 'passphrase') return null;
      return deriveFromPassphrase(await ask(), ref);
    },
  };
}
