import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { A4_300, onPaper, prng, syntheticPageRaw, type PageSize } from './synthetic-pages';

export interface ScanLook {
  /** Clockwise skew of the sheet in degrees. */
  readonly angle?: number;
  /** Quarter turn the sheet was fed with (clockwise degrees). */
  readonly turn?: 0 | 90 | 180 | 270;
  /** Dark scanner background around the sheet, as a share of the page width on each side. */
  readonly border?: number;
  /** Brightness change of a rescan (multiplier, e.g. 0.97). */
  readonly exposure?: number;
  /** Sensor noise: share of pixels turned into random dark specks. */
  readonly noise?: number;
  /** Seed of the noise, so rescans of a sheet differ from each other. */
  readonly noiseSeed?: number;
}

/**
 * A sheet as a scanner or document camera delivers it: the synthetic form (or an empty sheet,
 * `seed` null) turned by `turn`, skewed by `angle`, on a dark background, with sensor noise.
 * Ground truth for the pipeline's measurements.
 */
export async function scannedSheet(seed: number | null, look: ScanLook = {}, size: PageSize = A4_300): Promise<Sharp> {
  const paper = seed === null ? await emptySheet(size) : await (await syntheticPageRaw(seed, size)).removeAlpha().raw().toBuffer();
  let img = sharp(paper, { raw: { width: size.width, height: size.height, channels: 3 } });
  if (look.turn) img = fromRaw(await img.rotate(look.turn).raw().toBuffer({ resolveWithObject: true }));
  const border = look.border ?? 0;
  const dark = { r: 28, g: 28, b: 30 };
  if (look.angle) {
    // Skewed on the glass: the uncovered glass shows dark when there is a border, paper-white otherwise.
    const fill = border > 0 ? dark : { r: 251, g: 250, b: 246 };
    img = fromRaw(await img.rotate(look.angle, { background: fill }).raw().toBuffer({ resolveWithObject: true }));
  }
  let { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (border > 0) {
    const pad = Math.round(size.width * border);
    const padded = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
      .extend({ top: pad, bottom: pad, left: pad, right: pad, background: dark })
      .raw()
      .toBuffer({ resolveWithObject: true });
    ({ data, info } = padded);
  }
  if (look.exposure !== undefined || look.noise) {
    const rand = prng(look.noiseSeed ?? 99, 7);
    const k = look.exposure ?? 1;
    for (let i = 0; i < data.length; i += 3) {
      const speck = look.noise && rand() < look.noise ? 90 : 0;
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, Math.round(data[i + c]! * k) - speck));
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).withMetadata({ density: size.dpi });
}

const fromRaw = ({ data, info }: { data: Buffer; info: OutputInfo }): Sharp =>
  sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });

/** A sheet with nothing on it but paper texture and faint show-through of a back side. */
async function emptySheet(size: PageSize): Promise<Buffer> {
  const showThrough = [
    `<rect x="${size.width * 0.1}" y="${size.height * 0.1}" width="${size.width * 0.6}" height="${size.height * 0.02}" fill="#ecebe6"/>`,
    `<rect x="${size.width * 0.1}" y="${size.height * 0.15}" width="${size.width * 0.7}" height="${size.height * 0.02}" fill="#eeede8"/>`,
  ];
  return onPaper(showThrough.join(''), size).raw().toBuffer();
}
