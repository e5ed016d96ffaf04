import { crc32 } from 'node:zlib';

/** Who captured a page, how and when: DA/T 31's digitization metadata, carried inside the master. */
export interface CaptureRecord {
  readonly device: string;
  readonly session: string;
  readonly seq: number;
  readonly sheet: number | null;
  readonly side: 'front' | 'back' | null;
  readonly dpi: number | null;
  readonly mode: string;
  readonly station: string;
  readonly operator: string;
  readonly capturedAt: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const KEYWORD = 'hpf-desk:capture';

/**
 * The device's image with the capture record added as metadata: an iTXt chunk after a PNG's
 * header, a COM segment after a JPEG's APPn segments. The pixel data stay byte for byte as the
 * device sent them. Besides documenting the capture, the record makes every capture a distinct
 * original: a test scanner (or a rescan of a blank sheet) can deliver identical bytes twice, and
 * those are two captures, which the pipeline flags as duplicates rather than silently merging.
 * Other formats are returned unchanged.
 */
export function withCaptureRecord(bytes: Buffer, record: CaptureRecord): Buffer {
  const text = JSON.stringify(record);
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return insertPngText(bytes, text);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return insertJpegComment(bytes, text);
  return bytes;
}

function insertPngText(png: Buffer, text: string): Buffer {
  // IHDR is always first: 8 signature + 4 length + 4 type + 13 data + 4 CRC.
  const afterHeader = 8 + 4 + 4 + png.readUInt32BE(8) + 4;
  const data = Buffer.concat([Buffer.from(`${KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from(text, 'utf8')]);
  const type = Buffer.from('iTXt', 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0, 8 + data.length);
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

function insertJpegComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(`${KEYWORD} ${text}`, 'utf8').subarray(0, 65_000);
  const segment = Buffer.alloc(4 + body.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(body.length + 2, 2);
  body.copy(segment, 4);
  // JFIF/Exif readers expect their APPn segment right after SOI; the comment goes after them.
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1]! >= 0xe0 && jpeg[at + 1]! <= 0xef) {
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return Buffer.concat([jpeg.subarray(0, at), segment, jpeg.subarray(at)]);
}
