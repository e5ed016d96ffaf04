import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { syntheticPageRaw } from '../../electron/core/bench/synthetic-pages';

/**
 * A Y4M video for Chromium's fake capture device: a form lying a little askew on a dark desk,
 * as a document camera looks down at it. Two identical frames (Chromium loops the file).
 */
export async function writeSheetOnDesk(file: string, width = 1280, height = 960): Promise<void> {
  const sheetHeight = Math.round(height * 0.8);
  const sheetWidth = Math.round(sheetHeight / Math.SQRT2);
  const sheet = await (await syntheticPageRaw(3, { width: sheetWidth, height: sheetHeight, dpi: 100 }))
    .removeAlpha()
    .rotate(4, { background: '#2b2b30' })
    .png()
    .toBuffer({ resolveWithObject: true });
  const { data } = await sharp({ create: { width, height, channels: 3, background: '#2b2b30' } })
    .composite([{ input: sheet.data, left: Math.round((width - sheet.info.width) / 2), top: Math.round((height - sheet.info.height) / 2) }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = toI420(data, width, height);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'latin1');
  const marker = Buffer.from('FRAME\n', 'latin1');
  await writeFile(file, Buffer.concat([header, marker, frame, marker, frame]));
}

/** RGB to planar YUV 4:2:0 (BT.601, full range as JPEG uses). */
function toI420(rgb: Buffer, width: number, height: number): Buffer {
  const y = Buffer.alloc(width * height);
  const cw = width / 2;
  const ch = height / 2;
  const u = Buffer.alloc(cw * ch);
  const v = Buffer.alloc(cw * ch);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 3;
      y[row * width + col] = Math.round(0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!);
    }
  }
  for (let row = 0; row < ch; row++) {
    for (let col = 0; col < cw; col++) {
      const i = (row * 2 * width + col * 2) * 3;
      const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      u[row * cw + col] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
      v[row * cw + col] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
    }
  }
  return Buffer.concat([y, u, v]);
}
