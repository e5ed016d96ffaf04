import { describe, expect, it } from 'vitest';
import { characterErrorRate, normalizeForScore, readVerbatim } from '../../electron/core/bench/ocr-score';
import { assembleRecognition } from '../../electron/core/ocr/assemble-page';
import { engineSettings, ocrKey } from '../../electron/core/ocr/ocr-key';
import { characterList, decodeBatch } from '../../electron/core/ocr/ppocr/ctc-decode';
import { lineFromChars } from '../../electron/core/ocr/ppocr/line-words';
import { cropWidth, detectionSize, detectionTensor, writeCrop } from '../../electron/core/ocr/ppocr/tensors';
import { estimateSkew, findRegions, unclipToPage } from '../../electron/core/ocr/ppocr/text-regions';
import { unrotatePoint } from '../../electron/core/ocr/raster';
import { asciiAlphanumerics, fixIdCheckCharacter, removeCjkSpaces, splitWords } from '../../shared/ocr/cjk-text';
import { orderIntoRows } from '../../shared/ocr/reading-order';

describe('CJK text', () => {
  it.each([
    ['住 房 公 积 金', '住房公积金'],
    ['申请日期 ： 2023 年 05 月', '申请日期：2023 年 05 月'],
    ['Application Form for Housing', 'Application Form for Housing'],
    ['Tel: 12329； 2. 提取', 'Tel: 12329；2. 提取'],
    ['姓名\u3000沈建华', '姓名沈建华'],
    ['a  b', 'a b'],
  ])('%s → %s', (input, output) => expect(removeCjkSpaces(input)).toBe(output));

  it('splits a line into the words a clerk clicks', () => {
    expect(splitWords('受理编号：TQ202305063696 金额¥258,370.00元').map((w) => w.text)).toEqual([
      '受理编号', '：', 'TQ202305063696', '金额', '¥', '258,370.00', '元',
    ]);
    const [first, second] = splitWords('2025-05-06 提取');
    expect(first).toEqual({ text: '2025-05-06', start: 0, end: 10 });
    expect(second).toEqual({ text: '提取', start: 11, end: 13 });
  });

  it('reads full-width digits and letters as ASCII, and keeps Chinese punctuation', () => {
    expect(asciiAlphanumerics('４４０３０５ＡＢｃ（小写）：')).toBe('440305ABc（小写）：');
  });

  it('mends the check character of an 18-character ID number read as ×', () => {
    expect(fixIdCheckCharacter('号码44030519811202416×')).toBe('号码44030519811202416X');
    expect(fixIdCheckCharacter('3×4=12')).toBe('3×4=12');
    expect(fixIdCheckCharacter('123456789012345678×9')).toBe('123456789012345678×9');
  });
});

describe('reading order', () => {
  const line = (text: string, x: number, y: number, h = 40) => ({ text, box: [x, y, 100, h] as [number, number, number, number] });

  it('reads rows top to bottom, cells left to right, cells of uneven height together', () => {
    const rows = orderIntoRows([line('C', 500, 205, 30), line('A', 100, 100), line('D', 100, 200, 60), line('B', 400, 95, 50)]);
    expect(rows.map((r) => r.map((l) => l.text))).toEqual([['A', 'B'], ['D', 'C']]);
  });
});

describe('scoring as samples/README.md says', () => {
  it('normalizes with NFKC and drops all whitespace', () => {
    expect(normalizeForScore('（小写） ¥258,370.00\n 大写')).toBe('(小写)¥258,370.00大写');
  });

  it('is Levenshtein over ground-truth length, counting reorderings', () => {
    expect(characterErrorRate('住房公积金', '住房 公积金')).toBe(0);
    expect(characterErrorRate('住房公积', '住房公积金')).toBeCloseTo(0.2);
    expect(characterErrorRate('AB CD', 'CD AB')).toBe(1);
    expect(readVerbatim('证件号码 31011519660427751 1', '310115196604277511')).toBe(true);
  });
});

describe('PP-OCR pieces', () => {
  it('sizes the detection input to a 960 px long side in multiples of 32', () => {
    expect(detectionSize(2480, 3508, 960)).toEqual({ width: 672, height: 960 });
    expect(detectionSize(1654, 2339, 960)).toEqual({ width: 672, height: 960 });
  });

  it('normalizes with ImageNet mean and std in BGR order', () => {
    const t = detectionTensor({ data: Uint8Array.from([255, 0, 0]), width: 1, height: 1 });
    expect(t[0]).toBeCloseTo((0 - 0.485) / 0.229); // blue first
    expect(t[2]).toBeCloseTo((1 - 0.406) / 0.225); // red last
  });

  it('finds a line kernel, its skew, and grows it back to the line', () => {
    const width = 200;
    const height = 60;
    const data = new Float32Array(width * height);
    // A 150 × 4 kernel rising 1 px every 50 px (turned ~ -1.15°), and a faint blob that scores too low.
    for (let x = 20; x < 170; x++) for (let dy = 0; dy < 4; dy++) data[(30 - Math.floor((x - 20) / 50) + dy) * width + x] = 0.9;
    for (let x = 5; x < 10; x++) for (let y = 5; y < 10; y++) data[y * width + x] = 0.35;
    const regions = findRegions({ data, width, height });
    expect(regions).toHaveLength(1);
    const [r] = regions;
    expect(r!.x0).toBe(20);
    expect(r!.x1).toBe(169);
    expect(r!.angle).toBeLessThan(-0.5);
    expect(estimateSkew([r!, r!, r!])).toBeCloseTo(r!.angle);
    expect(estimateSkew([r!])).toBeNull();
    const [x0, y0, x1, y1] = unclipToPage(r!, 1.6, 2, 2, { width: 400, height: 120 });
    expect(x0).toBeLessThan(40);
    expect(x1).toBeGreaterThan(340);
    expect(y1 - y0).toBeGreaterThan(2 * (r!.y1 - r!.y0 + 1) * 2);
  });

  it('writes a crop at the recognizer height, normalized, padding left at 0', () => {
    const image = { data: new Uint8Array(40 * 10 * 3).fill(255), width: 40, height: 10 };
    const width = cropWidth([0, 0, 40, 10], 48, 2400);
    expect(width).toBe(192);
    const out = new Float32Array(3 * 48 * 200);
    writeCrop(image, [0, 0, 40, 10], out, 0, 48, width, 200);
    expect(out[0]).toBeCloseTo(1);
    expect(out[191]).toBeCloseTo(1);
    expect(out[195]).toBe(0);
  });

  it('decodes CTC greedily: repeats merged, blanks dropped, the dictionary plus a space', () => {
    const chars = characterList('住\n房\n');
    expect(chars).toEqual(['', '住', '房', ' ']);
    // steps: 住 住 blank 住 房 房 → 住 住 房
    const classes = chars.length;
    const best = [1, 1, 0, 1, 2, 2];
    const out = new Float32Array(best.length * classes);
    best.forEach((c, t) => (out[t * classes + c] = 0.9));
    const [decoded] = decodeBatch(out, 1, best.length, classes, chars);
    expect(decoded!.map((d) => [d.char, d.first, d.last])).toEqual([['住', 0, 1], ['住', 3, 3], ['房', 4, 5]]);
  });

  it('gives each word of a line a box from the time steps of its characters', () => {
    const decoded = [...'合同编号'].map((char, i) => ({ char, probability: 0.9, first: i * 4 + 1, last: i * 4 + 1 }))
      .concat([...'BJ12'].map((char, i) => ({ char, probability: 0.8, first: 20 + i * 2, last: 20 + i * 2 })));
    const line = lineFromChars(decoded, [100, 50, 500, 90], 4, 30)!;
    expect(line.text).toBe('合同编号BJ12');
    expect(line.words.map((w) => w.text)).toEqual(['合同编号', 'BJ12']);
    const [han, code] = line.words;
    expect(han!.box[0]).toBeGreaterThanOrEqual(100);
    expect(han!.box[0] + han!.box[2]).toBeCloseTo(code!.box[0]);
    expect(code!.confidence).toBeCloseTo(0.8);
  });
});

describe('results on straightened pages', () => {
  it('moves box centres back onto the stored page', () => {
    const original = { width: 1000, height: 2000 };
    // A page turned by -2° to straighten it grows; a point at its centre maps to the original centre.
    expect(unrotatePoint(600, 1100, -2, original, { width: 1200, height: 2200 })).toEqual([500, 1000]);
    const line = { text: '住房', box: [580, 1080, 40, 40] as [number, number, number, number], confidence: 0.9, words: [] };
    const result = assembleRecognition([[line]], 2, original, { width: 1200, height: 2200 });
    expect(result.lines[0]!.box).toEqual([480, 980, 40, 40]);
    expect(result.angle).toBe(2);
  });
});

describe('OCR dedupe key', () => {
  it('is the same for the same image and settings, different otherwise', () => {
    const image = 'a'.repeat(64);
    const settings = engineSettings('ppocr', { deskew: true });
    expect(ocrKey(image, settings)).toBe(ocrKey(image, { ...settings }));
    expect(ocrKey(image, settings)).not.toBe(ocrKey('b'.repeat(64), settings));
    expect(ocrKey(image, settings)).not.toBe(ocrKey(image, engineSettings('ppocr', { deskew: false })));
    expect(ocrKey(image, settings)).not.toBe(ocrKey(image, engineSettings('tesseract', { deskew: true })));
    expect(settings).toMatchObject({ models: '1.4.2', runtime: '1.30.0', detLongSide: 960 });
  });
});
