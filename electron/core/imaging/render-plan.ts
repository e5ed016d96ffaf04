import sharp, { type Sharp } from 'sharp';
import type { Box } from '../../../shared/imaging/gray-image';
import type { RawPixels } from './raw-pixels';

/** Full-resolution operations the pipeline decided on, applied in this order. */
export interface RenderPlan {
  /** Clockwise degrees (the negative of the measured skew), with the colour of uncovered corners. */
  readonly rotate: { readonly angle: number; readonly fill: number } | null;
  /** Region to keep, in the coordinates after `rotate`. */
  readonly extract: Box | null;
  readonly quarterTurns: 0 | 1 | 2 | 3;
  readonly colour: { readonly to: 'gray' } | { readonly to: 'bw'; readonly threshold: number } | null;
}

export const UNCHANGED: RenderPlan = { rotate: null, extract: null, quarterTurns: 0, colour: null };

export const rawInput = (raw: RawPixels) => ({ raw: { width: raw.width, height: raw.height, channels: raw.channels } }) as const;

/**
 * The plan as one libvips pipeline, ready to encode: pixels stream from the decoded page through
 * rotation, crop and colour into the encoder without a full-size copy in between. sharp allows
 * one rotation per pipeline, so a page that needs both a skew and a quarter turn (rare) is
 * materialized once after the skew.
 */
export async function renderPlan(raw: RawPixels, plan: RenderPlan): Promise<Sharp> {
  let img = sharp(raw.data, rawInput(raw));
  if (plan.rotate) {
    const { angle, fill } = plan.rotate;
    img = img.rotate(angle, { background: { r: fill, g: fill, b: fill } });
    if (plan.extract) img = img.extract(region(plan.extract));
    if (plan.quarterTurns !== 0) {
      const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
      img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).rotate(plan.quarterTurns * 90);
    }
  } else {
    if (plan.extract) img = img.extract(region(plan.extract));
    if (plan.quarterTurns !== 0) img = img.rotate(plan.quarterTurns * 90);
  }
  if (plan.colour?.to === 'gray') img = img.grayscale();
  if (plan.colour?.to === 'bw') img = img.threshold(plan.colour.threshold);
  return img;
}

const region = (box: Box) => ({ left: box.x, top: box.y, width: box.width, height: box.height });
