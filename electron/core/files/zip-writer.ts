import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Forward-slash path inside the archive. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Store as is: for content that is compressed already (JPEG), deflating gains nothing. */
  readonly stored?: boolean;
}

const UTF8_NAMES = 0x0800;
const LIMIT = 0xffffffff;

/** MS-DOS date and time, the only timestamps the classic ZIP headers hold (2-second steps, local fields). */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/**
 * A ZIP archive in memory (PKWARE APPNOTE: local headers, central directory, end record; no
 * ZIP64, no encryption), as OFD packages are: every entry deflated unless marked stored, names
 * flagged UTF-8. Entries and timestamps as given, so equal input gives equal bytes.
 */
export function zipArchive(entries: readonly ZipEntry[], at: Date): Buffer {
  return zipRecords(
    entries.map((entry) => ({
      name: entry.name,
      method: entry.stored ? 0 : 8,
      crc: crc32(entry.bytes),
      data: entry.stored ? Buffer.from(entry.bytes) : deflateRawSync(entry.bytes, { level: 9 }),
      size: entry.bytes.length,
    })),
    at,
  );
}

/** An entry as the headers describe it: already compressed (`method` 8) or stored (0). */
export interface ZipRecord {
  readonly name: string;
  readonly method: 0 | 8;
  readonly crc: number;
  readonly data: Buffer;
  /** The unpacked size the headers declare (a test of hostile input may declare a false one). */
  readonly size: number;
}

/** The archive around records as given: the layout `zipArchive` writes. */
export function zipRecords(records: readonly ZipRecord[], at: Date): Buffer {
  if (records.length > 0xffff) throw new Error('zip: more than 65535 entries needs ZIP64');
  const { time, date } = dosDateTime(at);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const record of records) {
    const name = Buffer.from(record.name, 'utf8');
    const { method, crc, data } = record;
    if (record.size >= LIMIT || data.length >= LIMIT || offset >= LIMIT) throw new Error('zip: entry or archive beyond 4 GiB needs ZIP64');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(record.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(record.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
