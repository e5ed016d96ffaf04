import { chmod, cp, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A SANE configuration with the `test` backend enabled (Debian ships it commented out). Only
 * `test` is listed, so scanimage does not spend seconds probing network backends.
 */
export async function saneTestConfig(dir: string): Promise<string> {
  const config = path.join(dir, 'sane.d');
  await cp('/etc/sane.d', config, { recursive: true });
  await writeFile(path.join(config, 'dll.conf'), 'test\n');
  return config;
}

async function script(file: string, body: string[]): Promise<string> {
  await writeFile(file, ['#!/bin/sh', ...body, ''].join('\n'));
  await chmod(file, 0o755);
  return file;
}

/**
 * A scanimage whose feeder fails in the middle of a batch: the real scanimage and test backend
 * scan `after` pages, then the next page fails with the given SANE status (the test backend's
 * own fault option), numbered on as in one batch. Other calls (-A, -L) go straight through.
 */
export function faultyScanimage(dir: string, after: number, status: string): Promise<string> {
  const fault = `--read-return-value ${status}`;
  return script(path.join(dir, `scanimage-${status}-${after}.sh`), [
    'case "$*" in',
    after === 0
      ? `  *--batch=*) exec scanimage "$@" ${fault} ;;`
      : `  *--batch=*) scanimage "$@" --batch-count=${after} || exit $?\n    exec scanimage "$@" --batch-start=${after + 1} ${fault} ;;`,
    '  *) exec scanimage "$@" ;;',
    'esac',
  ]);
}

/** A scanimage whose batches take the test backend's extra options (e.g. a slow device). */
export function scanimageWith(dir: string, name: string, extra: string): Promise<string> {
  return script(path.join(dir, `scanimage-${name}.sh`), ['case "$*" in', `  *--batch=*) exec scanimage "$@" ${extra} ;;`, '  *) exec scanimage "$@" ;;', 'esac']);
}
