import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import type { ApiResult } from '../../shared/contract';
import { CATALOGUE_LIMITS } from '../../electron/core/backfile/xlsx-limits';
import { zipRecords } from '../../electron/core/files/zip-writer';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { signedInCaller } from '../helpers/desk-session';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * A catalogue path comes from the untrusted UI, and an .xlsx is a zip: a few hundred kilobytes
 * can unpack to gigabytes. These files are built here, byte by byte, as an attacker would.
 */
const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** An entry as an attacker writes it: deflated bytes and whatever unpacked size it declares. */
interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly declaredSize: number;
  readonly crc: number;
}

/** A plain zip (deflate, no ZIP64), laid out as the desk's own writer lays one out, sizes as declared. */
const zip = (entries: readonly ZipEntry[]): Buffer =>
  zipRecords(entries.map((e) => ({ name: e.name, method: 8, crc: e.crc, data: e.data, size: e.declaredSize })), new Date(0));

/** `size` bytes of zeros, deflated in chunks so the test itself never holds them. */
async function deflatedZeros(size: number): Promise<{ data: Buffer; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1024 ** 2);
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

const small = (name: string, text: string): ZipEntry => {
  const bytes = Buffer.from(text);
  return { name, data: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
};

async function desk() {
  const dir = await tempDir();
  const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
  cores.push(core);
  const { raw } = await signedInCaller(core);
  const preview = async (bytes: Buffer) => {
    const file = path.join(dir, `目录-${Math.random().toString(36).slice(2)}.xlsx`);
    await writeFile(file, bytes);
    return (await raw('catalogue.preview', { path: file })) as ApiResult<unknown>;
  };
  return { dir, preview };
}

const reasonOf = (r: ApiResult<unknown>) => (r.ok ? 'ok' : `${r.error.code}:${(r.error.details as { reason?: string } | undefined)?.reason}`);

describe('catalogue .xlsx under limits', () => {
  it('reads a real workbook within the limits', async () => {
    const { dir, preview } = await desk();
    const file = path.join(dir, 'real.xlsx');
    await writeExcelFile([['档号', '职工姓名'], ['J017-GJJ·2003-D30-TQ-0001', '张三']]).toFile(file);
    expect(await preview(await readFile(file))).toMatchObject({ ok: true, value: { cells: [['J017-GJJ·2003-D30-TQ-0001', '张三']] } });
  });

  it('refuses a zip bomb by its declared unpacked size, and one whose directory lies about it', async () => {
    const { preview } = await desk();
    const size = CATALOGUE_LIMITS.unpackedBytes + 1024 ** 2;
    const zeros = await deflatedZeros(size);
    // A few hundred kilobytes on disk.
    expect(zeros.data.length).toBeLessThan(1024 ** 2);
    const types = small('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
    const honest = zip([types, { name: 'xl/worksheets/sheet1.xml', ...zeros, declaredSize: size }]);
    const answer = await preview(honest);
    expect(reasonOf(answer)).toBe('bad_request:catalogue_unpacked_too_large');
    expect(answer.ok ? '' : answer.error.message).toMatch(/压缩炸弹|zip bomb/);
    // The directory says 1 KB; inflating stops one byte past that.
    const lying = zip([types, { name: 'xl/worksheets/sheet1.xml', ...zeros, declaredSize: 1024 }]);
    expect(reasonOf(await preview(lying))).toBe('bad_request:catalogue_unpacked_too_large');
  });

  it('refuses a zip of more entries than any workbook has', async () => {
    const { preview } = await desk();
    const entries = Array.from({ length: CATALOGUE_LIMITS.entries + 1 }, (_, i) => small(`xl/media/e${i}.xml`, '<x/>'));
    expect(reasonOf(await preview(zip(entries)))).toBe('bad_request:catalogue_too_many_entries');
  });

  it('refuses a catalogue file larger than the limit before reading it', async () => {
    const { dir } = await desk();
    const core = cores[0]!;
    const { raw } = await signedInCaller(core);
    const file = path.join(dir, 'huge.csv');
    const fh = await open(file, 'w');
    // Sparse: the size is real, the disk holds nothing.
    await fh.truncate(CATALOGUE_LIMITS.fileBytes + 1);
    await fh.close();
    expect(reasonOf((await raw('catalogue.preview', { path: file })) as ApiResult<unknown>)).toBe('bad_request:catalogue_file_too_large');
  });
});
