import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import { MAX_FILE_BYTES } from '../media/limits';

/** Keep the clerk's file name (it is what they will recognize) but nothing that acts as a path. */
export function safeUploadName(raw: string | undefined): string {
  let name = '';
  try {
    name = decodeURIComponent(raw ?? '');
  } catch {
    name = '';
  }
  name = name.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') name = 'upload';
  return name.slice(0, 200);
}

/**
 * Browsers cannot hand a page's files over by path, so the bridge receives their bytes into
 * `<data>/incoming/<random>/<name>` and the UI imports that path like any other.
 */
export class UploadArea {
  constructor(readonly dir: string) {}

  async reset(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
  }

  /**
   * Delete uploads named in a finished request: once imported, the store holds its own copy, and
   * a second copy of a customer's papers must not linger here.
   */
  async release(paths: readonly unknown[]): Promise<void> {
    const root = path.resolve(this.dir) + path.sep;
    for (const p of paths) {
      if (typeof p !== 'string') continue;
      const folder = path.dirname(path.resolve(p));
      if (folder.startsWith(root) && path.dirname(folder) + path.sep === root) {
        await rm(folder, { recursive: true, force: true });
      }
    }
  }

  async receive(req: IncomingMessage, name: string): Promise<string> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_FILE_BYTES) throw new Error(`file is larger than ${MAX_FILE_BYTES} bytes`);
    const folder = path.join(this.dir, randomBytes(8).toString('hex'));
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, name);
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_FILE_BYTES) req.destroy(new Error('upload too large'));
    });
    try {
      await pipeline(req, createWriteStream(file, { flags: 'wx' }));
    } catch (err) {
      await rm(folder, { recursive: true, force: true });
      throw err;
    }
    return file;
  }
}
