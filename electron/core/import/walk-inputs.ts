import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileError } from '../../../shared/contract';
import { DeskError } from '../errors';
import { fsError } from '../media/process-file';

/** Files no clerk means to import: OS and scanner-software litter inside folders. */
const IGNORED = /^(\..*|thumbs\.db|desktop\.ini|~\$.*)$/i;

/**
 * Kernel file systems: their "files" are devices and live views of the system (reading
 * /proc/kmsg blocks, /dev/zero never ends), never scans.
 */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

const byName = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });

/**
 * How far one import may reach. Paths come from a renderer that is untrusted by design: without
 * limits a path like `/` pulls the whole disk into a batch. Generous for a day of bulk scanning.
 */
export interface WalkLimits {
  readonly files: number;
  /** Folder levels below a given folder. */
  readonly depth: number;
  readonly bytes: number;
}

export const WALK_LIMITS: WalkLimits = { files: 100_000, depth: 12, bytes: 64 * 1024 ** 3 };

export interface WalkOptions {
  /** Whether given folders are walked at all (the `import.folders` permission); files always are. */
  readonly folders: boolean;
  readonly limits?: WalkLimits;
}

export interface WalkResult {
  readonly files: string[];
  readonly errors: Array<{ file: string; error: FileError }>;
}

const isUnder = (p: string, root: string) => p === root || p.startsWith(`${root}${path.sep}`);

/**
 * Expand the given files and folders (recursively) into files in a stable, natural order
 * (page2 before page10), following each symlinked folder at most once. Devices, pipes, sockets
 * and the kernel's file systems are refused per file. A walk past its limits is refused as a
 * whole (`bad_request`, nothing imported) as soon as it crosses one, so a huge tree costs little.
 */
export async function walkInputs(inputs: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const limits = options.limits ?? WALK_LIMITS;
  const files: string[] = [];
  const errors: WalkResult['errors'] = [];
  const seenDirs = new Set<string>();
  let bytes = 0;

  const refuse = (file: string, code: FileError['code'], message: string) => errors.push({ file, error: { code, message } });
  const overLimit = (what: string, limit: number) =>
    new DeskError('bad_request', `导入范围过大：超过 ${limit} ${what} 的上限 / the import reaches too far: over the limit of ${limit} ${what}`, { limit: what });

  async function visit(p: string, depth: number): Promise<void> {
    let info;
    let real;
    try {
      info = await stat(p);
      real = await realpath(p);
    } catch (err) {
      const e = fsError(err);
      refuse(p, e.code, e.message);
      return;
    }
    const explicit = depth === 0;
    if (SYSTEM_ROOTS.some((root) => isUnder(real, root))) {
      refuse(p, 'unreadable', '系统设备或内核文件，不导入 / a device or kernel file: not imported');
      return;
    }
    if (info.isFile()) {
      if (!explicit && IGNORED.test(path.basename(p))) return;
      files.push(p);
      bytes += info.size;
      if (files.length > limits.files) throw overLimit('files', limits.files);
      if (bytes > limits.bytes) throw overLimit('bytes', limits.bytes);
      return;
    }
    if (!info.isDirectory()) {
      refuse(p, 'unreadable', '设备、管道或套接字，不是普通文件 / a device, pipe or socket, not a regular file');
      return;
    }
    if (!options.folders) {
      throw new DeskError('forbidden', `导入文件夹需要“import.folders”权限，请选择文件 / importing a folder needs the permission import.folders: choose files`, { permission: 'import.folders' });
    }
    if (depth > limits.depth) throw overLimit('folder levels', limits.depth);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = await readdir(p);
    } catch (err) {
      const e = fsError(err);
      refuse(p, e.code, e.message);
      return;
    }
    for (const name of names.sort(byName.compare)) {
      if (IGNORED.test(name)) continue;
      await visit(path.join(p, name), depth + 1);
    }
  }

  for (const input of inputs) await visit(path.resolve(input), 0);
  return { files, errors };
}
