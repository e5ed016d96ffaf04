import sharp, { type Sharp } from 'sharp';
import type { RgbImage } from './engine';

const WHITE = { r: 255, g: 255, b: 255 };

const rawInput = (image: RgbImage) => ({ raw: { width: image.width, height: image.height, channels: 3 as const } });

async function toRgb(pipeline: Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected RGB pixels, got ${info.channels} channels`);
  return { data, width: info.width, height: info.height };
}

/** Decode a stored page image (any format sharp reads) to RGB, with its DPI when recorded. */
export async function decodeRgb(file: string | Uint8Array): Promise<{ image: RgbImage; dpi: number | null }> {
  const img = sharp(file, { failOn: 'error' });
  const meta = await img.metadata();
  const dpi = meta.resolutionUnit && meta.density && meta.density > 1 ? Math.round(meta.density) : null;
  return { image: await toRgb(img.autoOrient()), dpi };
}

/** Resample to exactly `width` × `height` (antialiased when shrinking). */
export function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  return toRgb(sharp(image.data, rawInput(image)).resize(width, height, { fit: 'fill' }));
}

/**
 * Turn the page `degrees` clockwise about its centre; the canvas grows to hold the corners and the
 * new area is white, like paper.
 */
export function rotateRgb(image: RgbImage, degrees: number): Promise<RgbImage> {
  return toRgb(sharp(image.data, rawInput(image)).rotate(degrees, { background: WHITE }));
}

/** Map a point of a page turned by `degrees` (as `rotateRgb` does) back onto the original page. */
export function unrotatePoint(
  x: number,
  y: number,
  degrees: number,
  original: { width: number; height: number },
  rotated: { width: number; height: number },
): [number, number] {
  const a = (-degrees * Math.PI) / 180;
  const dx = x - rotated.width / 2;
  const dy = y - rotated.height / 2;
  return [
    original.width / 2 + dx * Math.cos(a) - dy * Math.sin(a),
    original.height / 2 + dx * Math.sin(a) + dy * Math.cos(a),
  ];
}
