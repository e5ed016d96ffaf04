import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { OcrRecognition } from '../../shared/contract';
import { characterErrorRate, readVerbatim } from '../../electron/core/bench/ocr-score';
import { OcrPool, type OcrTask } from '../../electron/core/ocr/ocr-pool';
import { OcrProcessPool } from '../../electron/core/ocr/ocr-process-pool';
import { useTempDirs } from '../helpers/temp-dir';

/*
 * Real OCR on three sample pages at 150 dpi (tests/fixtures/ocr), through the worker pool the
 * app uses. Accuracy bounds are loose on purpose: the bench measures; these check the pieces.
 */
const FIXTURES = path.resolve('tests/fixtures/ocr');
const fixture = (name: string) => path.join(FIXTURES, `${name}.jpg`);
const truth = (name: string) => ({
  text: readFileSync(path.join(FIXTURES, `${name}.gt.txt`), 'utf8'),
  ...(JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as { id_number: string; amount: string | null }),
});
const HAN_SPACE_HAN = /\p{Script=Han} +\p{Script=Han}/u;

const tempDir = useTempDirs();
const pool = new OcrPool({ workers: 1, threads: 2 }, 5_000);
afterAll(() => pool.close());

async function read(task: Partial<OcrTask> & { image: string }): Promise<OcrRecognition> {
  const outcome = await pool.run({ engine: 'ppocr', dpi: null, options: { deskew: true }, ...task });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result;
}

describe('PP-OCR on onnxruntime', () => {
  it('reads a form in reading order: ID number and amount exact, no spaces between 汉字, word boxes', async () => {
    const gt = truth('withdrawal-03');
    const result = await read({ image: fixture('withdrawal-03') });
    expect(characterErrorRate(result.text, gt.text)).toBeLessThan(0.03);
    expect(readVerbatim(result.text, gt.id_number)).toBe(true);
    expect(readVerbatim(result.text, gt.amount!)).toBe(true);
    expect(result.text.split('\n')[2]).toMatch(/^受理编号.*申请日期/);
    expect(result).toMatchObject({ width: 1240, height: 1754, angle: 0 });
    for (const line of result.lines) {
      expect(line.text).not.toMatch(HAN_SPACE_HAN);
      const [x, y, w, h] = line.box;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y + h).toBeLessThanOrEqual(1754);
      for (const word of line.words) {
        expect(word.box[0]).toBeGreaterThanOrEqual(x - 1);
        expect(word.box[0] + word.box[2]).toBeLessThanOrEqual(x + w + 1);
        expect(word.confidence).toBeGreaterThan(0);
        expect(word.confidence).toBeLessThanOrEqual(1);
      }
    }
    const id = result.lines.flatMap((l) => l.words).find((w) => w.text === gt.id_number);
    expect(id, 'the ID number is one word').toBeDefined();
  });

  it('reads a letter-spaced ID number in ASCII digits with its X', async () => {
    const gt = truth('id-card-04');
    const result = await read({ image: fixture('id-card-04') });
    expect(readVerbatim(result.text, gt.id_number)).toBe(true);
    expect(characterErrorRate(result.text, gt.text)).toBeLessThan(0.03);
  });

  it('straightens a page turned 2° and puts the boxes back on the page as stored', async () => {
    const gt = truth('loan-contract-04');
    const straight = await read({ image: fixture('loan-contract-04') });
    const turnedFile = path.join(await tempDir(), 'turned.jpg');
    const turned = await sharp(fixture('loan-contract-04')).rotate(2, { background: '#ffffff' }).jpeg({ quality: 90 }).toFile(turnedFile);
    const result = await read({ image: turnedFile });
    expect(result.angle).toBeGreaterThan(1.7);
    expect(result.angle).toBeLessThan(2.3);
    expect(characterErrorRate(result.text, gt.text)).toBeLessThan(0.03);
    // The title's box centre, carried by the same turn from the straight page, lands on it.
    const centre = (r: OcrRecognition) => {
      const [x, y, w, h] = r.lines[0]!.box;
      return [x + w / 2, y + h / 2] as const;
    };
    const [sx, sy] = centre(straight);
    const a = (2 * Math.PI) / 180;
    const dx = sx - 1240 / 2;
    const dy = sy - 1754 / 2;
    const expected = [turned.width / 2 + dx * Math.cos(a) - dy * Math.sin(a), turned.height / 2 + dx * Math.sin(a) + dy * Math.cos(a)];
    const [cx, cy] = centre(result);
    expect(Math.hypot(cx - expected[0]!, cy - expected[1]!)).toBeLessThan(12);
  });

  it('stops a page when asked', async () => {
    const controller = new AbortController();
    const running = pool.run({ engine: 'ppocr', image: fixture('loan-contract-04'), dpi: null, options: { deskew: true } }, controller.signal);
    controller.abort();
    expect(await running).toMatchObject({ ok: false, cancelled: true });
  });

  it('reports an unreadable image as an error, not a crash', async () => {
    const bad = path.join(await tempDir(), 'bad.jpg');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(bad, 'not an image');
    expect(await pool.run({ engine: 'ppocr', image: bad, dpi: null, options: { deskew: true } })).toMatchObject({ ok: false, cancelled: false });
    // The worker survives and reads the next page.
    expect((await read({ image: fixture('id-card-04') })).lines.length).toBeGreaterThan(5);
  });
});

describe('Tesseract through tesseract.js', () => {
  it('reads Chinese and English from files installed with the app, with no spaces between 汉字', async () => {
    const outcome = await pool.run({ engine: 'tesseract', image: fixture('id-card-04'), dpi: 150, options: { deskew: true } });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.model).toMatch(/Tesseract LSTM chi_sim\+eng 4\.0\.0_best_int/);
    const { result } = outcome;
    expect(result.text).toContain('身份证');
    expect(result.text).toMatch(/Copy of Resident/);
    for (const line of result.lines) expect(line.text).not.toMatch(HAN_SPACE_HAN);
    expect(result.lines.flatMap((l) => l.words).length).toBeGreaterThan(10);
    // A worker swaps engines when asked for the other one.
    expect((await read({ image: fixture('id-card-04') })).text).toContain(truth('id-card-04').id_number);
  });
});

describe('the OCR host process', () => {
  it('fails only the pages in flight when it dies, and starts again for the next page', async () => {
    const host = new OcrProcessPool({ workers: 1, threads: 2 });
    try {
      const task = { engine: 'ppocr' as const, image: fixture('id-card-04'), dpi: null, options: { deskew: true } };
      const first = host.run(task);
      process.kill(host.pid!, 'SIGKILL');
      expect(await first).toMatchObject({ ok: false, cancelled: false, error: expect.stringMatching(/crashed/) });
      const again = await host.run(task);
      expect(again.ok && again.result.text).toContain(truth('id-card-04').id_number);
    } finally {
      await host.close();
    }
  });
});
