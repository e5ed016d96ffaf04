import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileError } from '../../../shared/contract';
import { fsError } from '../media/process-file';

/** Files no clerk means to import: OS and scanner-software litter inside folders. */
const IGNORED = /^(\..*|thumbs\.db|desktop\.ini|~\$.*)$/i;

const byName = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });

export interface WalkResult {
  readonly files: string[];
  readonly errors: Array<{ file: string; error: FileError }>;
}

/**
 * Expand the given files and folders (recursively) into files in a stable, natural order
 * (page2 before page10), following each symlinked folder at most once.
 */
export async function walkInputs(inputs: readonly string[]): Promise<WalkResult> {
  const files: string[] = [];
  const errors: WalkResult['errors'] = [];
  const seenDirs = new Set<string>();

  async function visit(p: string, explicit: boolean): Promise<void> {
    let info;
    try {
      info = await stat(p);
    } catch (err) {
      const e = fsError(err);
      errors.push({ file: p, error: { code: e.code, message: e.message } });
      return;
    }
    if (info.isFile()) {
      if (explicit || !IGNORED.test(path.basename(p))) files.push(p);
      return;
    }
    if (!info.isDirectory()) {
      errors.push({ file: p, error: { code: 'unreadable', message: 'not a regular file or folder' } });
      return;
    }
    const real = await realpath(p);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = await readdir(p);
    } catch (err) {
      const e = fsError(err);
      errors.push({ file: p, error: { code: e.code, message: e.message } });
      return;
    }
    for (const name of names.sort(byName.compare)) {
      if (IGNORED.test(name)) continue;
      await visit(path.join(p, name), false);
    }
  }

  for (const input of inputs) await visit(path.resolve(input), true);
  return { files, errors };
}
