import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scannedSheet, type ScanLook } from '../../electron/core/bench/synthetic-scans';
import type { PageSize } from '../../electron/core/bench/synthetic-pages';
import { IMPORT_PIPELINE, runPagePipeline, type PipelineOptions } from '../../electron/core/imaging/page-pipeline';
import { signatureSimilarity, SIMILAR_MIN_CORRELATION } from '../../electron/core/imaging/page-fingerprint';
import { renderPlan } from '../../electron/core/imaging/render-plan';
import type { PageStep } from '../../shared/contract';

/** A4 at 150 dpi: the analysis works the same as at 300 dpi (it scales to ~100 dpi) and runs faster. */
const A4_150: PageSize = { width: 1240, height: 1754, dpi: 150 };

async function pipeline(seed: number | null, look: ScanLook, options: PipelineOptions = IMPORT_PIPELINE) {
  const { data, info } = await (await scannedSheet(seed, look, A4_150)).raw().toBuffer({ resolveWithObject: true });
  const raw = { data, width: info.width, height: info.height, channels: info.channels as 3 };
  return { input: raw, ...(await runPagePipeline(raw, options)) };
}

const step = <K extends PageStep['op']>(steps: PageStep[], op: K) => steps.find((s) => s.op === op) as Extract<PageStep, { op: K }> | undefined;

describe('image pipeline (DA/T 31)', () => {
  it('measures skew within 0.3° on pages rotated −5°…+5° and straightens them', async () => {
    for (const [angle, border] of [[-5, 0], [-3.4, 0.03], [-1.2, 0], [0.6, 0.02], [2.3, 0], [4.1, 0.04], [5, 0]] as const) {
      const { steps, plan } = await pipeline(20 + angle * 10, { angle, border });
      const deskew = step(steps, 'deskew')!;
      expect(Math.abs(deskew.angle - angle), `measured ${deskew.angle}° for ${angle}°`).toBeLessThanOrEqual(0.3);
      expect(deskew.applied).toBe(true);
      expect(plan.rotate?.angle).toBeCloseTo(-deskew.angle, 5);
    }
  });

  it('leaves a straight page alone and records that it checked', async () => {
    const { steps, plan, input } = await pipeline(31, { angle: 0.1 });
    expect(step(steps, 'deskew')).toMatchObject({ applied: false });
    expect(step(steps, 'crop')).toMatchObject({ applied: false, box: [0, 0, input.width, input.height] });
    expect(step(steps, 'rotate')).toMatchObject({ degrees: 0, reason: 'orientation' });
    expect(step(steps, 'colour')).toEqual({ op: 'colour', mode: 'color', reason: 'as-captured' });
    expect(plan).toEqual({ rotate: null, extract: null, quarterTurns: 0, colour: null });
  });

  it('crops the dark scanner background down to the sheet', async () => {
    const { steps, input, raw, plan } = await pipeline(32, { border: 0.05 });
    const crop = step(steps, 'crop')!;
    expect(crop.applied).toBe(true);
    const [x, y, w, h] = crop.box;
    const pad = Math.round(1240 * 0.05);
    expect(Math.abs(x - pad)).toBeLessThanOrEqual(6);
    expect(Math.abs(y - pad)).toBeLessThanOrEqual(6);
    expect(Math.abs(w - 1240)).toBeLessThanOrEqual(12);
    expect(Math.abs(h - 1754)).toBeLessThanOrEqual(12);
    // The rendered derivative has no black edge left; the input pixels are untouched.
    const out = await (await renderPlan(raw, plan)).raw().toBuffer({ resolveWithObject: true });
    const edgeMean = (() => {
      let sum = 0;
      for (let i = 0; i < out.info.width * 3; i++) sum += out.data[i]!;
      return sum / (out.info.width * 3);
    })();
    expect(edgeMean).toBeGreaterThan(200);
    expect(input.data[0]).toBeLessThan(60);
  });

  it('turns sideways and upside-down pages upright from their text lines', async () => {
    for (const [turn, expected] of [[90, 270], [180, 180], [270, 90]] as const) {
      const { steps, raw, plan } = await pipeline(40 + turn, { turn });
      expect(step(steps, 'rotate'), `fed turned ${turn}°`).toMatchObject({ degrees: expected, reason: 'orientation' });
      const out = await (await renderPlan(raw, plan)).toBuffer({ resolveWithObject: true });
      expect(out.info.height).toBeGreaterThan(out.info.width);
    }
    const upright = await pipeline(44, {});
    expect(step(upright.steps, 'rotate')).toMatchObject({ degrees: 0 });
  });

  it('flags empty backsides as blank (with a score) but not a page with one short line', async () => {
    const empty = await pipeline(null, { noise: 0.003 });
    expect(empty.analysis.blank).toBe(true);
    expect(empty.analysis.ink).toBeLessThan(0.0003);
    const { data, info } = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fbfaf6' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect x="200" y="300" width="260" height="14" fill="#222"/></svg>') }])
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const oneLine = await runPagePipeline({ data, width: info.width, height: info.height, channels: 3 }, IMPORT_PIPELINE);
    expect(oneLine.analysis.blank).toBe(false);
  });

  it('recognizes a rescan of the same sheet and tells different sheets apart', async () => {
    const first = await pipeline(50, { angle: 0.8, noise: 0.001, noiseSeed: 1 });
    const rescan = await pipeline(50, { angle: -0.6, noise: 0.001, noiseSeed: 2, exposure: 0.96, border: 0.02 });
    const other = await pipeline(51, { angle: 0.8 });
    expect(first.analysis.pixelSha256).not.toBe(rescan.analysis.pixelSha256);
    expect(signatureSimilarity(first.analysis.signature, rescan.analysis.signature)).toBeGreaterThanOrEqual(SIMILAR_MIN_CORRELATION);
    expect(signatureSimilarity(first.analysis.signature, other.analysis.signature)).toBeLessThan(SIMILAR_MIN_CORRELATION);
  });

  it('keeps colour where a red seal is, and makes other pages grey per profile', async () => {
    const gray: PipelineOptions = { ...IMPORT_PIPELINE, colour: 'gray' };
    const sealed = await pipeline(60, {}, gray);
    expect(sealed.analysis.redSeal).toBe(true);
    expect(step(sealed.steps, 'colour')).toEqual({ op: 'colour', mode: 'color', reason: 'red-seal' });
    expect(sealed.plan.colour).toBeNull();
    const plain = await pipeline(null, {}, gray);
    expect(step(plain.steps, 'colour')).toEqual({ op: 'colour', mode: 'gray', reason: 'profile' });
    const out = await (await renderPlan(plain.raw, plain.plan)).raw().toBuffer({ resolveWithObject: true });
    expect(out.info.channels).toBe(1);
  });
});
