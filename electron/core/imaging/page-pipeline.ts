import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { PageStep, PostProcessing } from '../../../shared/contract';
import { findSheet } from '../../../shared/imaging/find-sheet';
import {
  cropGray,
  percentile,
  rotatedSize,
  rotateGray,
  rotateGray90,
  toGray,
  type Box,
  type GrayImage,
} from '../../../shared/imaging/gray-image';
import type { RawPixels } from './raw-pixels';
import { rawInput, type RenderPlan } from './render-plan';
import { checkBlank } from './blank-page';
import { detectOrientation } from './detect-orientation';
import { estimateSkew } from './estimate-skew';
import { layoutSignature } from './page-fingerprint';
import { hasRedSeal } from './red-seal';

/** What the pipeline does to a page; imports keep colour as captured. */
export interface PipelineOptions extends PostProcessing {
  readonly colour: 'keep' | 'gray' | 'bw';
}

export const IMPORT_PIPELINE: PipelineOptions = { deskew: true, cropBorders: true, orient: true, ocrWanted: true, colour: 'keep' };

/** Analysis runs on a copy of about 85 dpi for an A4 page: enough for text lines, cheap to walk. */
const ANALYSIS_LONG_SIDE = 1000;
/** Pages thinner than this (in pixels) are not deskewed, cropped or turned. */
const MIN_MEASURABLE_SIDE = 32;
/** Straighten only past this skew (degrees): below it resampling costs more sharpness than it gains. */
const DESKEW_MIN_ANGLE = 0.25;
/** A skew estimate counts when its line profile stands out this much from the typical angle. */
const DESKEW_MIN_CONFIDENCE = 1.2;

export interface PageAnalysis {
  /** SHA-256 of the decoded pixels: equal for the same image in any file. */
  readonly pixelSha256: string;
  /** Perceptual signature of the processed page (see page-fingerprint.ts). */
  readonly signature: Uint8Array;
  readonly blank: boolean;
  readonly ink: number;
  readonly redSeal: boolean;
}

export interface PipelineResult {
  /** The page the plan applies to (flattened when the original had transparency). */
  readonly raw: RawPixels;
  readonly plan: RenderPlan;
  readonly steps: PageStep[];
  readonly analysis: PageAnalysis;
}

/**
 * DA/T 31 processing of one decoded page: deskew, crop dark borders, turn upright, colour mode,
 * and the blank/duplicate fingerprints. Every decision is made on a small grey copy; the result
 * is a plan for the full image (applied by the encoder in one pass, see render-plan.ts) and the
 * steps that record what was measured and changed. The original pixels are never modified.
 */
export async function runPagePipeline(input: RawPixels, wanted: PipelineOptions): Promise<PipelineResult> {
  // A strip a few pixels thin (a gradient, a rule) has no sheet, skew or text lines to measure:
  // any border or skew "found" in it would cut real content. It is kept as it is.
  const measurable = Math.min(input.width, input.height) >= MIN_MEASURABLE_SIDE;
  const options = measurable ? wanted : { ...wanted, deskew: false, cropBorders: false, orient: false };
  const steps: PageStep[] = [];
  let raw = input;
  if (raw.channels === 2 || raw.channels === 4) {
    const { data, info } = await sharp(raw.data, rawInput(raw)).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    raw = { data, width: info.width, height: info.height, channels: info.channels as RawPixels['channels'] };
    steps.push({ op: 'flatten', background: '#ffffff' });
  }
  const pixelSha256 = createHash('sha256').update(`${raw.width}x${raw.height}x${raw.channels}\n`).update(raw.data).digest('hex');
  const small = await analysisCopy(raw);
  const gray = toGray(small.data, small.width, small.height, small.channels);
  const paper = percentile(gray, 0.9);
  // Ink is clearly darker than the paper; faint show-through from the back is not.
  const inkBelow = Math.max(24, paper - Math.max(48, paper * 0.3));
  const sheet = findSheet(gray);

  let angle = 0;
  if (options.deskew) {
    const skew = estimateSkew(gray, inkBelow, sheet?.outside ?? null);
    const applied = Math.abs(skew.angle) >= DESKEW_MIN_ANGLE && skew.confidence >= DESKEW_MIN_CONFIDENCE;
    steps.push({ op: 'deskew', angle: skew.angle, applied });
    if (applied) angle = skew.angle;
  }
  const fill = Math.round(sheet?.border ?? paper);
  const straight = angle === 0 ? gray : rotateGray(gray, -angle, fill);
  const full = angle === 0 ? { width: raw.width, height: raw.height } : rotatedSize(raw.width, raw.height, -angle);

  // A dark border is cropped to the sheet; a straightened page on a light background is cut back
  // to its scanned size, so A4 stays A4 and only the filled-in corners go.
  let box: Box | null = null;
  let smallBox: Box | null = null;
  if (options.cropBorders) {
    // Without a dark border the turned copy's corners are filled with paper: no border to find.
    const bounds = angle === 0 || sheet?.border == null ? sheet : findSheet(straight);
    if (bounds && bounds.border !== null) {
      smallBox = bounds.box;
      box = scaleBox(bounds.box, straight, full);
    }
  }
  if (!box && angle !== 0) {
    box = centred(raw, full);
    smallBox = centred(gray, straight);
  }
  if (options.cropBorders || box) {
    const shown = box ?? { x: 0, y: 0, width: full.width, height: full.height };
    steps.push({ op: 'crop', box: [shown.x, shown.y, shown.width, shown.height], applied: box !== null });
  }
  const cropped = smallBox ? cropGray(straight, smallBox) : straight;

  const orientation = options.orient ? detectOrientation(cropped, inkBelow) : { degrees: 0 as const, confidence: 0 };
  if (options.orient) {
    steps.push({ op: 'rotate', degrees: orientation.degrees, reason: 'orientation', confidence: round2(orientation.confidence) });
  }
  const upright = rotateGray90(cropped, orientation.degrees / 90);
  const blank = checkBlank(upright, inkBelow);
  const redSeal = hasRedSeal(small.data, small.width, small.height, small.channels);
  const colour = colourMode(raw.channels, options.colour, redSeal);
  steps.push({ op: 'colour', mode: colour.mode, reason: colour.reason });

  const plan: RenderPlan = {
    rotate: angle === 0 ? null : { angle: -angle, fill },
    extract: box,
    quarterTurns: (orientation.degrees / 90) as RenderPlan['quarterTurns'],
    colour: !colour.convert ? null : colour.mode === 'bw' ? { to: 'bw', threshold: otsu(upright) } : { to: 'gray' },
  };
  return {
    raw,
    plan,
    steps,
    analysis: { pixelSha256, signature: layoutSignature(upright), blank: blank.blank, ink: blank.ink, redSeal },
  };
}

function colourMode(
  channels: number,
  wanted: PipelineOptions['colour'],
  redSeal: boolean,
): { mode: 'color' | 'gray' | 'bw'; reason: 'as-captured' | 'profile' | 'red-seal'; convert: boolean } {
  const captured = channels >= 3 ? 'color' : 'gray';
  if (wanted === 'keep' || (wanted === 'gray' && captured === 'gray')) return { mode: captured, reason: 'as-captured', convert: false };
  if (captured === 'color' && redSeal) return { mode: 'color', reason: 'red-seal', convert: false };
  return { mode: wanted, reason: 'profile', convert: true };
}


async function analysisCopy(raw: RawPixels): Promise<RawPixels> {
  const scale = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(raw.width, raw.height));
  if (scale === 1) return raw;
  const width = Math.max(1, Math.round(raw.width * scale));
  const height = Math.max(1, Math.round(raw.height * scale));
  const { data, info } = await sharp(raw.data, rawInput(raw))
    .resize({ width, height, fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as RawPixels['channels'] };
}

/**
 * A box on the analysis copy mapped onto the full image, rounded inwards, one pixel clear of the
 * far edges: libvips may size a rotated canvas a pixel off the computed one.
 */
function scaleBox(box: Box, from: GrayImage, to: { width: number; height: number }): Box {
  const fx = to.width / from.width;
  const fy = to.height / from.height;
  const x0 = Math.min(to.width - 2, Math.ceil(box.x * fx));
  const y0 = Math.min(to.height - 2, Math.ceil(box.y * fy));
  const x1 = Math.min(to.width - 1, Math.floor((box.x + box.width) * fx));
  const y1 = Math.min(to.height - 1, Math.floor((box.y + box.height) * fy));
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/** The original's size, centred in the rotated canvas. */
function centred(original: { width: number; height: number }, canvas: { width: number; height: number }): Box {
  const width = Math.min(original.width, canvas.width - 1);
  const height = Math.min(original.height, canvas.height - 1);
  return { x: Math.floor((canvas.width - width) / 2), y: Math.floor((canvas.height - height) / 2), width, height };
}

/** Otsu's threshold on the analysis copy, for bitonal output. */
function otsu(img: GrayImage): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]!]!++;
  const total = img.data.length;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 128;
  for (let v = 0; v < 256; v++) {
    weightB += hist[v]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += v * hist[v]!;
    const between = weightB * weightF * (sumB / weightB - (sum - sumB) / weightF) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold + 1;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
