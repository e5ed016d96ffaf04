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

/** What one session may hold in uploads it has not imported yet. */
export interface UploadQuota {
  readonly bytes: number;
  readonly files: number;
}

/** A day at the counter is a few hundred pages; bulk backfile work imports folders, not uploads. */
export const DEFAULT_UPLOAD_QUOTA: UploadQuota = { bytes: 8 * 1024 ** 3, files: 20_000 };

export class UploadRefused extends Error {
  constructor(readonly reason: 'too_large' | 'quota_bytes' | 'quota_files', message: string) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/** The session an upload is counted against (any object: the bridge passes its desk session). */
type Owner = object;

/**
 * Browsers cannot hand a page's files over by path, so the bridge receives their bytes into
 * `<data>/incoming/<random>/<name>` and the UI imports that path like any other. Each session
 * may hold only so much there until it imports (or the bridge restarts), so one page cannot fill
 * the station's disk.
 */
export class UploadArea {
  private readonly held = new Map<string, { owner: Owner; bytes: number }>();
  private readonly totals = new Map<Owner, { bytes: number; files: number }>();

  constructor(readonly dir: string, private readonly quota: UploadQuota = DEFAULT_UPLOAD_QUOTA) {}

  async reset(): Promise<void> {
    this.held.clear();
    this.totals.clear();
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
        this.forget(folder);
      }
    }
  }

  async receive(req: IncomingMessage, name: string, owner: Owner): Promise<string> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_FILE_BYTES) throw new UploadRefused('too_large', `文件超过 ${MAX_FILE_BYTES} 字节 / file is larger than ${MAX_FILE_BYTES} bytes`);
    const total = this.totals.get(owner) ?? { bytes: 0, files: 0 };
    if (total.files >= this.quota.files) throw this.overQuota('quota_files');
    if (total.bytes + declared > this.quota.bytes) throw this.overQuota('quota_bytes');
    this.totals.set(owner, total);
    const folder = path.join(this.dir, randomBytes(8).toString('hex'));
    // Counted from the first byte, so parallel uploads of one session cannot pass the quota together.
    const entry = { owner, bytes: 0 };
    this.held.set(folder, entry);
    total.files += 1;
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, name);
    let refusal: UploadRefused | null = null;
    req.on('data', (chunk: Buffer) => {
      entry.bytes += chunk.length;
      total.bytes += chunk.length;
      if (entry.bytes > MAX_FILE_BYTES) refusal = new UploadRefused('too_large', `文件超过 ${MAX_FILE_BYTES} 字节 / file is larger than ${MAX_FILE_BYTES} bytes`);
      else if (total.bytes > this.quota.bytes) refusal = this.overQuota('quota_bytes');
      if (refusal) req.destroy(refusal);
    });
    try {
      await pipeline(req, createWriteStream(file, { flags: 'wx' }));
    } catch (err) {
      await rm(folder, { recursive: true, force: true });
      this.forget(folder);
      throw refusal ?? err;
    }
    return file;
  }

  private forget(folder: string): void {
    const entry = this.held.get(folder);
    if (!entry) return;
    this.held.delete(folder);
    const total = this.totals.get(entry.owner);
    if (!total) return;
    total.bytes -= entry.bytes;
    total.files -= 1;
    if (total.files === 0) this.totals.delete(entry.owner);
  }

  private overQuota(reason: 'quota_bytes' | 'quota_files'): UploadRefused {
    return new UploadRefused(
      reason,
      `本会话待导入的上传已达上限（${this.quota.files} 个文件 / ${this.quota.bytes} 字节），请先导入 / this session's uploads waiting for import are at the limit (${this.quota.files} files, ${this.quota.bytes} bytes): import them first`,
    );
  }
}
