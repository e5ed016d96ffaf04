import { open } from 'node:fs/promises';

/** TIFF compression schemes libvips' libtiff may lack, by tag value, with the name a clerk's tool shows. */
const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  6: '旧式 JPEG（OJPEG）',
  34661: 'JBIG',
  34712: 'JPEG 2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'ZSTD',
  50001: 'WebP',
  50002: 'JPEG XL',
};
/** Sample sizes libvips reads; others (12-bit scanners, 24-bit integers) it refuses. */
const READABLE_BITS = new Set([1, 2, 4, 8, 16, 32, 64]);

/**
 * Photometric interpretations libvips decodes wrongly rather than not at all (16-bit CIELab
 * comes out with the wrong colours, 8-bit with a transparent alpha or not at all): refused before
 * decoding, because a silently recoloured page is worse than a refused one.
 */
const REFUSED_PHOTOMETRIC: Readonly<Record<number, string>> = { 8: 'CIELab', 9: 'ICCLab', 10: 'ITULab' };

const TAG_BITS_PER_SAMPLE = 258;
const TAG_COMPRESSION = 259;
const TAG_PHOTOMETRIC = 262;
const WANTED_TAGS = new Set([TAG_BITS_PER_SAMPLE, TAG_COMPRESSION, TAG_PHOTOMETRIC]);
const SHORT = 3;
const LONG = 4;

/** Why a TIFF is refused before any decoding, in words for the clerk, or null. */
export async function refusedTiffVariant(file: string): Promise<string | null> {
  const photometric = (await firstDirectoryTags(file))?.get(TAG_PHOTOMETRIC);
  return photometric !== undefined && REFUSED_PHOTOMETRIC[photometric] ? `TIFF 色彩空间 ${REFUSED_PHOTOMETRIC[photometric]} 不支持` : null;
}

/**
 * Why a TIFF that failed to decode is a valid file in a variant we cannot read, in words for the
 * clerk ("TIFF 压缩方式 LZMA 不支持"), or null when its first directory names nothing unusual (it is
 * then really damaged).
 */
export async function unsupportedTiffVariant(file: string): Promise<string | null> {
  const tags = await firstDirectoryTags(file);
  const compression = tags?.get(TAG_COMPRESSION);
  if (compression !== undefined && COMPRESSION_NAMES[compression]) return `TIFF 压缩方式 ${COMPRESSION_NAMES[compression]} 不支持`;
  const bits = tags?.get(TAG_BITS_PER_SAMPLE);
  if (bits !== undefined && !READABLE_BITS.has(bits)) return `TIFF 每个采样 ${bits} 位不支持`;
  return null;
}

/**
 * The first value of the tags we look at in the first directory; reads only the header and that
 * directory, classic TIFF and BigTIFF. Null when the directory cannot even be walked (a damaged
 * file, not an unusual one).
 */
async function firstDirectoryTags(file: string): Promise<Map<number, number> | null> {
  const fh = await open(file, 'r');
  try {
    const read = async (at: bigint | number, length: number) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, Number(at));
      if (bytesRead < length) throw new RangeError('short TIFF directory');
      return buf;
    };
    const header = await read(0, 16);
    const le = header.toString('latin1', 0, 2) === 'II';
    const u16 = (b: Buffer, at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
    const u32 = (b: Buffer, at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
    const u64 = (b: Buffer, at: number) => (le ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
    const big = u16(header, 2) === 43;
    const ifd = big ? u64(header, 8) : u32(header, 4);
    const count = big ? Number(u64(await read(ifd, 8), 0)) : u16(await read(ifd, 2), 0);
    const entrySize = big ? 20 : 12;
    const entries = await read(BigInt(ifd) + BigInt(big ? 8 : 2), Math.min(count, 4096) * entrySize);
    const tags = new Map<number, number>();
    for (let i = 0; i < Math.min(count, 4096); i++) {
      const at = i * entrySize;
      const tag = u16(entries, at);
      if (!WANTED_TAGS.has(tag)) continue;
      // The first value is stored inline when the values fit; for BitsPerSample the first sample's
      // size stands for all (an RGB file with 8,8,8 behind an offset is read there).
      const type = u16(entries, at + 2);
      const n = big ? Number(u64(entries, at + 4)) : u32(entries, at + 4);
      const valueAt = at + (big ? 12 : 8);
      const inline = n * (type === SHORT ? 2 : 4) <= (big ? 8 : 4);
      const source = inline ? entries : await read(big ? u64(entries, valueAt) : u32(entries, valueAt), 4);
      const offset = inline ? valueAt : 0;
      tags.set(tag, type === LONG ? u32(source, offset) : u16(source, offset));
    }
    return tags;
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}
