import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { nullIfMissing } from '../../files/missing-file';
import { createPrivateFile } from '../../files/private-file';
import { StoreKeyError } from './store-key-error';

/**
 * The command line's key-encryption key: 32 random bytes in a file only its OS user can read,
 * kept in the user's config folder and never inside the data folder, so a copy of the data
 * folder (a backup disk, a stolen counter PC's archive) does not carry its own key. The file
 * has an id so a store can say "locked with key file X" when it is offered another one.
 */
const KeyFileContent = z.object({
  format: z.literal('hpf-desk/key-file'),
  version: z.literal(1),
  id: z.uuid(),
  key: z.base64().refine((b) => Buffer.from(b, 'base64').length === 32, 'a 256-bit key'),
});

export interface KeyFileKey {
  readonly id: string;
  readonly key: Buffer;
}

/** Read the key file; refuse one that group or others can read (POSIX). */
export async function readKeyFile(file: string): Promise<KeyFileKey | null> {
  const text = await nullIfMissing(requirePrivate(file).then(() => readFile(file, 'utf8')));
  if (text === null) return null;
  const parsed = KeyFileContent.safeParse(safeJson(text));
  if (!parsed.success) throw new StoreKeyError('wrong-key', `密钥文件已损坏 / the key file is damaged: ${file}`);
  return { id: parsed.data.id, key: Buffer.from(parsed.data.key, 'base64') };
}

/**
 * The key file, created on first use. Created whole under a temp name and linked into place,
 * so two processes starting at once (the CLI beside the app) end up with the same one key.
 */
export async function ensureKeyFile(file: string): Promise<KeyFileKey> {
  const existing = await readKeyFile(file);
  if (existing) return existing;
  await linkNewKeyFile(file);
  const now = await readKeyFile(file);
  if (!now) throw new StoreKeyError('locked', `无法创建密钥文件 / the key file could not be created: ${file}`);
  return now;
}

/**
 * A new key file where there was none (a recovery key for a medium kept offline), or null when
 * `file` exists: a file already there may be another store's key or the operator's own.
 */
export async function createKeyFile(file: string): Promise<KeyFileKey | null> {
  return (await linkNewKeyFile(file)) ? readKeyFile(file) : null;
}

/** Write a new key file whole under a temp name and link it into place; false when `file` exists. */
async function linkNewKeyFile(file: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const made = { format: 'hpf-desk/key-file', version: 1, id: randomUUID(), key: randomBytes(32).toString('base64') } as const;
  return createPrivateFile(file, `${JSON.stringify(made)}\n`);
}

async function requirePrivate(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) {
    throw new StoreKeyError(
      'key-file-unsafe',
      `密钥文件可被其他用户读取，请执行 chmod 600 / the key file can be read by other users; run chmod 600: ${file}`,
    );
  }
}

/** JSON.parse, or null for text that is not JSON (then reported as a damaged file by its schema). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
