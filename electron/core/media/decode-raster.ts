import sharp from 'sharp';
import type { PageStep } from '../../../shared/contract';
import { MAX_PIXELS } from './limits';
import type { RawPixels } from '../imaging/raw-pixels';
import { cleanDecoderMessage, decoderLines } from './decoder-message';
import { refusedTiffVariant, unsupportedTiffVariant } from './tiff-variant';
import { MediaError, type SourceFormat } from './types';

export interface DecodedPage {
  readonly raw: RawPixels;
  readonly dpi: number | null;
  readonly steps: PageStep[];
  /** What the decoder itself noticed (a resolution it had to reduce, content it could not draw). */
  readonly flags?: Readonly<Record<string, unknown>>;
  /** A PDF page whose content draws nothing at all. */
  readonly contentless?: boolean;
}

/**
 * Translate a libvips failure on `file` into the clerk-facing codes. A TIFF that names a
 * compression or sample size we cannot read is a valid file in an unsupported variant, not a
 * damaged one; the rest is classified on the decoder's own text, cleaned of other files' lines.
 */
export async function decodeFailure(err: unknown, file: string, format: SourceFormat): Promise<MediaError> {
  const raw = err instanceof Error ? err.message : String(err);
  const message = cleanDecoderMessage(raw);
  const said = decoderLines(raw).join('\n');
  if (/pixel limit/i.test(said)) {
    return new MediaError('too_many_pixels', `image exceeds ${MAX_PIXELS / 1e6} megapixels`);
  }
  const variant = format === 'tiff' ? await unsupportedTiffVariant(file) : null;
  if (variant) return new MediaError('unsupported_variant', variant);
  if (/premature end|truncat|unexpected end|short read|EOF/i.test(said)) {
    return new MediaError('truncated', `${format.toUpperCase()} file is truncated: ${message}`);
  }
  return new MediaError('corrupt_image', `${format.toUpperCase()} cannot be decoded: ${message}`);
}

const openImage = (file: string, page: number) =>
  sharp(file, { limitInputPixels: MAX_PIXELS, failOn: 'error', page, pages: 1, sequentialRead: true });

/** Number of pages (frames) in a JPEG/PNG/TIFF; checks the pixel limit before any decoding. */
export async function countRasterPages(file: string, format: SourceFormat): Promise<number> {
  const refused = format === 'tiff' ? await refusedTiffVariant(file) : null;
  if (refused) throw new MediaError('unsupported_variant', refused);
  try {
    const meta = await openImage(file, 0).metadata();
    if (!meta.width || !meta.height) throw new Error('no image dimensions');
    if (meta.width * meta.height > MAX_PIXELS) throw new Error('Input image exceeds pixel limit');
    return format === 'tiff' ? (meta.pages ?? 1) : 1;
  } catch (err) {
    throw await decodeFailure(err, file, format);
  }
}

/** Pixels of one page (frame) of a raster file, from its header. */
export async function rasterPagePixels(file: string, format: SourceFormat, page: number): Promise<number> {
  try {
    const meta = await openImage(file, page).metadata();
    return (meta.width ?? 0) * (meta.height ?? 0);
  } catch (err) {
    throw await decodeFailure(err, file, format);
  }
}

/** Decode one page of a raster file upright (EXIF orientation applied) into raw pixels. */
export async function decodeRasterPage(file: string, format: SourceFormat, page: number): Promise<DecodedPage> {
  try {
    const img = openImage(file, page);
    const meta = await img.metadata();
    const steps: PageStep[] = [{ op: 'decode', format }];
    if (meta.orientation && meta.orientation > 1) steps.push({ op: 'orient-exif', orientation: meta.orientation });
    // Pages are 8-bit grey or sRGB from here on: a Lab, CMYK or 16-bit TIFF is converted, not
    // passed on as numbers the pipeline would misread.
    const space = meta.space === 'b-w' || meta.space === 'srgb' ? null : (meta.channels ?? 3) <= 2 ? 'b-w' : 'srgb';
    if (space) steps.push({ op: 'colourspace', from: meta.space ?? 'unknown', to: space });
    const upright = img.autoOrient();
    const { data, info } = await (space ? upright.toColourspace(space) : upright).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    // Without a unit the density is only an aspect ratio (JFIF's default "72"), not a resolution;
    // libvips reports a PNG's pHYs (scanners write it in pixels per metre) without naming the unit.
    const hasUnit = Boolean(meta.resolutionUnit) || format === 'png';
    const dpi = hasUnit && meta.density && meta.density > 1 ? Math.round(meta.density) : null;
    return {
      raw: { data, width: info.width, height: info.height, channels: info.channels },
      dpi,
      steps,
    };
  } catch (err) {
    throw await decodeFailure(err, file, format);
  }
}
