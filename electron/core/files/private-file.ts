import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { link, open, rename, rm } from 'node:fs/promises';

/**
 * Small secret files (key records, key files, the keychain's sealed keys, the sync vault): written
 * whole under a temp name readable by the owner only (0600 from the first byte, never chmod'ed
 * later), fsynced, then put in place, so a crash leaves the old file or the new one, never half.
 */
const tempOf = (file: string) => `${file}.${randomBytes(6).toString('hex')}.tmp`;

async function writeTemp(file: string, text: string): Promise<string> {
  const tmp = tempOf(file);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  return tmp;
}

/** Replace `file` with `text`. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await rename(await writeTemp(file, text), file);
}

/**
 * Create `file` with `text` unless it exists (false then): linked, not renamed, so two processes
 * creating the same key at once keep the first one's, and neither replaces a key in use.
 */
export async function createPrivateFile(file: string, text: string): Promise<boolean> {
  const tmp = await writeTemp(file, text);
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    await rm(tmp, { force: true });
  }
}

function writeTempSync(file: string, text: string): string {
  const tmp = tempOf(file);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/** `writePrivateFile` for the synchronous paths; the folder is fsynced so the new name survives power loss. */
export function writePrivateFileSync(file: string, text: string): void {
  renameSync(writeTempSync(file, text), file);
  if (process.platform === 'win32') return;
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** `createPrivateFile` for the synchronous paths (opening a database, the main process's start). */
export function createPrivateFileSync(file: string, text: string): boolean {
  const tmp = writeTempSync(file, text);
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    rmSync(tmp, { force: true });
  }
}
