import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** What the independent OFD reader (tests/tools/ofd_check.py, Python standard library) finds in a package. */
export interface OfdCheck {
  readonly problems: string[];
  readonly docInfo: Record<string, unknown>;
  /** Per page, the text of each text object in document order. */
  readonly pages: string[][];
}

export function checkOfd(file: string): OfdCheck {
  return JSON.parse(execFileSync('python3', [path.resolve('tests/tools/ofd_check.py'), file], { encoding: 'utf8' })) as OfdCheck;
}
