import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nullIfMissing, nullIfMissingSync } from '../../electron/core/files/missing-file';

const dir = mkdtempSync(path.join(os.tmpdir(), 'missing-file-'));
const present = path.join(dir, 'present.json');
writeFileSync(present, '{"a":1}\n');
const absent = path.join(dir, 'absent.json');

describe('nullIfMissing', () => {
  it('gives what the read gives when the file is there', async () => {
    expect(await nullIfMissing(readFile(present, 'utf8'))).toBe('{"a":1}\n');
    expect(nullIfMissingSync(() => readFileSync(present, 'utf8'))).toBe('{"a":1}\n');
  });

  it('gives null when the file, or a folder on its path, is not there', async () => {
    expect(await nullIfMissing(readFile(absent))).toBeNull();
    expect(await nullIfMissing(readdir(path.join(dir, 'no-folder', 'below')))).toBeNull();
    expect(nullIfMissingSync(() => readFileSync(absent, 'utf8'))).toBeNull();
  });

  it('throws every other failure: a file that is there but cannot be read is not "missing"', async () => {
    await expect(nullIfMissing(readFile(dir))).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(nullIfMissing(readdir(present))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(() => nullIfMissingSync(() => readFileSync(dir))).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    const own = new Error('not an fs error');
    await expect(nullIfMissing(Promise.reject(own))).rejects.toBe(own);
  });
});
