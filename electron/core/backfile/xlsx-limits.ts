import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { DeskError } from '../errors';

const inflate = promisify(inflateRaw) as (data: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

/**
 * An .xlsx is a zip, and a zip of a few hundred kilobytes can unpack to gigabytes. A catalogue of
 * 100 000 rows is a few tens of megabytes unpacked in a dozen entries, so these limits refuse
 * only what no catalogue needs.
 */
export const CATALOGUE_LIMITS = {
  /** The file as it lies on disk (xlsx or CSV). */
  fileBytes: 64 * 1024 ** 2,
  /** All entries of the zip together, unpacked. */
  unpackedBytes: 256 * 1024 ** 2,
  entries: 1000,
} as const;

export type CatalogueRefusal = 'catalogue_file_too_large' | 'catalogue_unpacked_too_large' | 'catalogue_too_many_entries' | 'catalogue_zip_invalid';

const refuse = (reason: CatalogueRefusal, message: string) => new DeskError('bad_request', message, { reason });

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly localOffset: number;
}

/**
 * Check an .xlsx before any zip library unpacks it: entry count and declared sizes from the
 * central directory, then every entry actually inflated with its declared size as the ceiling, so
 * a directory that lies about sizes is caught too. Throws a DeskError whose details name the
 * reason; returns nothing when the file is within the limits.
 */
export async function assertXlsxWithinLimits(bytes: Buffer, limits: typeof CATALOGUE_LIMITS = CATALOGUE_LIMITS): Promise<void> {
  const entries = centralDirectory(bytes, limits);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.unpackedBytes) throw tooLarge(limits);
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    if (entry.method === 0) {
      if (entry.compressed !== entry.size) throw invalid(`${entry.name}: stored sizes differ`);
      continue;
    }
    if (entry.method !== 8) throw invalid(`${entry.name}: compression method ${entry.method}`);
    // One byte more than declared: inflating stops there, and more than declared means a lie.
    const out = await inflate(data, { maxOutputLength: entry.size + 1 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limits);
      throw invalid(`${entry.name}: ${err.message}`);
    });
    if (out.length !== entry.size) throw tooLarge(limits);
  }
}

function centralDirectory(bytes: Buffer, limits: typeof CATALOGUE_LIMITS): Entry[] {
  // The end record is in the last 22 + 65 535 bytes (its comment is at most that long).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw invalid('no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  const dirSize = bytes.readUInt32LE(end + 12);
  const dirOffset = bytes.readUInt32LE(end + 16);
  // ZIP64 markers: a catalogue never needs them, and their sizes would bypass the checks below.
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) throw invalid('ZIP64 archives are not accepted');
  if (count > limits.entries) {
    throw refuse('catalogue_too_many_entries', `Excel 文件包含 ${count} 个部件，超过上限 ${limits.entries} / the .xlsx holds ${count} entries, more than ${limits.entries}`);
  }
  if (dirOffset + dirSize > end) throw invalid('central directory out of bounds');
  const entries: Entry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) throw invalid('broken central directory');
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry: Entry = {
      method: bytes.readUInt16LE(at + 10),
      compressed: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw invalid('ZIP64 entries are not accepted');
    entries.push(entry);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

function entryData(bytes: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw invalid(`${entry.name}: no local header`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressed > bytes.length) throw invalid(`${entry.name}: data out of bounds`);
  return bytes.subarray(start, start + entry.compressed);
}

const tooLarge = (limits: typeof CATALOGUE_LIMITS) =>
  refuse(
    'catalogue_unpacked_too_large',
    `Excel 文件解压后超过 ${limits.unpackedBytes / 1024 ** 2} MB，疑为压缩炸弹，已拒绝 / the .xlsx unpacks to more than ${limits.unpackedBytes / 1024 ** 2} MB (a zip bomb?): refused`,
  );

const invalid = (why: string) => refuse('catalogue_zip_invalid', `Excel 文件结构损坏 / not a readable .xlsx: ${why}`);
