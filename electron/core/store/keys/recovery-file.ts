import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { nullIfMissing } from '../../files/missing-file';
import { createPrivateFile } from '../../files/private-file';
import { openSecret, sealSecret } from '../../files/secret-seal';
import { deriveFromPassphrase, newPassphraseRef, type KekRef, type KekSource } from './kek-source';
import { safeJson } from './key-file';
import { StoreKeyError } from './store-key-error';

/**
 * A recovery copy of a store's key, for the day the counter PC's OS profile (its key file or
 * keychain) is lost: a random key-encryption key of its own, sealed (AES-256-GCM) under the
 * operator's recovery passphrase through scrypt, in a file meant for a medium kept offline. The
 * store's key record holds the data key wrapped for that KEK (a `recovery` wrap, by the file's
 * id), never the passphrase's: so the data folder and the passphrase alone open nothing, and
 * neither does the file alone. Opening with it: HPF_DESK_RECOVERY=FILE and the passphrase
 * (HPF_DESK_RECOVERY_PASSPHRASE, or asked on the terminal).
 *
 * A key rotation drops the wrap unless the file and passphrase are given to it: a new recovery
 * copy is exported after it.
 */
const b64 = z.base64();
const RecoveryFile = z.object({
  format: z.literal('hpf-desk/recovery-key'),
  version: z.literal(1),
  id: z.uuid(),
  kdf: z.object({ salt: b64, n: z.int().min(1 << 14).max(1 << 20), r: z.int().min(1).max(32), p: z.int().min(1).max(16) }),
  nonce: b64,
  tag: b64,
  sealed: b64,
});
type RecoveryFile = z.infer<typeof RecoveryFile>;

const aad = (id: string) => Buffer.from(`hpf-desk/recovery-key/v1\n${id}`);

/** The recovery copy at `file`, opened with `passphrase`: its id and its KEK. */
export async function openRecoveryFile(file: string, passphrase: string): Promise<{ readonly id: string; readonly kek: Buffer }> {
  const text = await nullIfMissing(readFile(file, 'utf8'));
  if (text === null) throw new StoreKeyError('locked', `找不到恢复密钥文件 / the recovery key file is not there: ${file}`);
  const parsed = RecoveryFile.safeParse(safeJson(text));
  if (!parsed.success) throw new StoreKeyError('wrong-key', `不是恢复密钥文件或已损坏 / not a recovery key file, or damaged: ${file}`);
  const r = parsed.data;
  const kek = await deriveFromPassphrase(passphrase, { kind: 'passphrase', ...r.kdf });
  const opened = openSecret(kek, r, aad(r.id));
  if (!opened) throw new StoreKeyError('wrong-key', `恢复口令不正确 / the recovery passphrase is wrong: ${file}`);
  return { id: r.id, kek: opened };
}

/** A new recovery copy at `file` (never over an existing file: null then), sealed under `passphrase`. */
export async function createRecoveryFile(file: string, passphrase: string): Promise<{ readonly id: string; readonly kek: Buffer } | null> {
  const id = randomUUID();
  const kek = randomBytes(32);
  const { salt, n, r, p } = newPassphraseRef();
  const { nonce, tag, sealed } = sealSecret(await deriveFromPassphrase(passphrase, { kind: 'passphrase', salt, n, r, p }), kek, aad(id));
  const content: RecoveryFile = { format: 'hpf-desk/recovery-key', version: 1, id, kdf: { salt, n, r, p }, nonce, tag, sealed };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return (await createPrivateFile(file, `${JSON.stringify(content, null, 2)}\n`)) ? { id, kek } : null;
}

/**
 * The recovery copy as a key source. `create` writes the file (refused when one is there: it
 * may be another store's recovery key); `open` answers `recovery` wraps of this file's id only.
 */
export function recoverySource(file: string, ask: () => Promise<string>): KekSource {
  return {
    describe: `恢复密钥文件 recovery key file ${file}`,
    async create() {
      const made = await createRecoveryFile(file, await ask());
      if (!made) throw new StoreKeyError('locked', `${file} 已存在，不会覆盖 / ${file} exists already; it is not overwritten`);
      return { ref: { kind: 'recovery', id: made.id } satisfies KekRef, kek: made.kek };
    },
    async open(ref) {
      if (ref.kind !== 'recovery') return null;
      const held = await openRecoveryFile(file, await ask());
      if (held.id !== ref.id) {
        throw new StoreKeyError('wrong-key', `此数据存储的恢复密钥是 ${ref.id}，${file} 是 ${held.id} / this store's recovery key is ${ref.id}; ${file} is ${held.id}`);
      }
      return held.kek;
    },
  };
}
