import { open } from 'node:fs/promises';

/** How far into a file the frame header is looked for: past EXIF, ICC profiles and thumbnails. */
const SEARCH_BYTES = 1024 * 1024;

/** Start-of-frame markers (SOF0–SOF15 less DHT, JPG and DAC) and the process each names. */
const LOSSLESS = new Set([0xc3, 0xc7, 0xcb, 0xcf]);
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * Why a JPEG that failed to decode is a valid file in a variant the decoder cannot read, in words
 * for the clerk ("JPEG 12 位精度不支持": medical and some archive scanners write 12-bit samples,
 * which libjpeg-turbo as built into libvips does not decode), or null when its frame header is
 * ordinary (it is then really damaged). Only asked after a failure: what the decoder can read, it
 * reads.
 */
export async function unsupportedJpegVariant(file: string): Promise<string | null> {
  const fh = await open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(SEARCH_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const frame = frameHeader(head);
  if (!frame) return null;
  if (LOSSLESS.has(frame.marker)) return `无损 JPEG（${frame.precision} 位）不支持`;
  if (frame.precision !== 8) return `JPEG ${frame.precision} 位精度不支持`;
  return null;
}

/** The first frame header's marker and sample precision, walking the marker segments. */
function frameHeader(bytes: Buffer): { marker: number; precision: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Fill bytes and standalone markers carry no length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    const length = bytes.readUInt16BE(at + 2);
    // A frame header cut short is damage, not a variant.
    if (isFrame(marker)) return length >= 8 && at + 2 + length <= bytes.length ? { marker, precision: bytes[at + 4]! } : null;
    at += 2 + length;
  }
  return null;
}
