import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The independent BagIt 1.0 validator (RFC 8493, Python standard library) from the product side:
 * the one beside the repository when it is there, else the copy kept in tests/tools.
 */
export const BAGIT_VALIDATOR = [path.resolve('../shared/tools/bagit_validate.py'), path.resolve('tests/tools/bagit_validate.py')].find(
  (p) => existsSync(p),
)!;

export interface Validation {
  readonly valid: boolean;
  readonly problems: string[];
}

/** Run the validator on a bag folder: exit 0 "valid", exit 1 one line per problem. */
export function validateBag(dir: string): Promise<Validation> {
  return new Promise((resolve, reject) => {
    execFile('python3', [BAGIT_VALIDATOR, dir], (err, stdout) => {
      const code: unknown = err ? err.code : 0;
      if (code !== 0 && code !== 1) return reject(err ?? new Error(`validator exited ${String(code)}`));
      const lines = stdout.split('\n').filter((l) => l.trim() !== '');
      resolve({ valid: code === 0 && lines[0] === 'valid', problems: code === 0 ? [] : lines });
    });
  });
}
