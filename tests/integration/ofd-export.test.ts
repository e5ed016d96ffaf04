import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult, OcrRecognition, PageSummary } from '../../shared/contract';
import { uprightRows } from '../../shared/ocr/reading-order';
import { characterErrorRate } from '../../electron/core/bench/ocr-score';
import { buildOfd, type OfdProperties } from '../../electron/core/export/ofd-package';
import { checkOfd } from '../helpers/ofd-check';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const FIXTURES = path.resolve('tests/fixtures/ocr');
const HAN_SPACE_HAN = /\p{Script=Han} +\p{Script=Han}/u;
const tempDir = useTempDirs();

const PROPS: OfdProperties = {
  title: '住房公积金提取申请表', archivalCode: 'J017-GJJ·2025-D30-TQ-0042', fonds: 'J017', date: '2025-03-01',
  author: '柜台一号', subject: '档号 J017-GJJ·2025-D30-TQ-0042', keywords: ['J017-GJJ·2025-D30-TQ-0042'], created: new Date('2025-03-01T02:00:00Z'), producer: 'test',
};

const line = (text: string, box: [number, number, number, number]) => ({ text, box, confidence: 0.95, words: [] });

/** A recognition as the OCR gives it (lines out of reading order on purpose), on a page turned `angle`°. */
const recognition = (angle: number, lines = [
  line('张三', [420, 302, 120, 40]),
  line('住房公积金提取申请表', [300, 100, 600, 60]),
  line('姓名', [100, 300, 100, 40]),
  line('提取原因 购买自住住房', [100, 420, 700, 40]),
]): OcrRecognition => ({ engine: 'ppocr', model: 'test', width: 1240, height: 1754, angle, lines, text: '', confidence: 0.95, ms: 1 }) as unknown as OcrRecognition;

/** The OCR's lines in the order a reader of the page takes them. */
const readingOrder = (ocr: OcrRecognition) => uprightRows(ocr).flat().map(({ line: l }) => l.text);

describe('OFD export (GB/T 33190)', () => {
  it('writes a package whose every part exists and parses, with metadata and the text layer in reading order', async () => {
    const dir = await tempDir();
    const image = await readFile(path.join(FIXTURES, 'withdrawal-03.jpg'));
    const file = path.join(dir, 'a.ofd');
    const straight = recognition(0);
    const skewed = recognition(2.5);
    await writeFile(file, await buildOfd([
      { image, width: 1240, height: 1754, dpi: 150, ocr: straight },
      { image, width: 1240, height: 1754, dpi: 150, ocr: skewed },
      { image, width: 1240, height: 1754, dpi: null, ocr: null },
    ], PROPS));
    // The ZIP container itself, read by another implementation.
    expect(execFileSync('python3', ['-m', 'zipfile', '-t', file], { encoding: 'utf8' })).toMatch(/Done testing/);
    const check = checkOfd(file);
    expect(check.problems).toEqual([]);
    expect(check.docInfo).toMatchObject({
      Title: '住房公积金提取申请表', Author: '柜台一号', CreationDate: '2025-03-01',
      'CustomData:档号': 'J017-GJJ·2025-D30-TQ-0042', 'CustomData:全宗号': 'J017', 'CustomData:日期': '2025-03-01',
    });
    expect(check.pages).toEqual([readingOrder(straight), readingOrder(skewed), []]);
    expect(check.pages[0]).toEqual(['住房公积金提取申请表', '姓名', '张三', '提取原因 购买自住住房']);
  });

  it('the text check fails when the text layer is missing or spaces are put between 汉字', async () => {
    const dir = await tempDir();
    const image = await readFile(path.join(FIXTURES, 'withdrawal-03.jpg'));
    const ocr = recognition(0);
    const without = path.join(dir, 'without.ofd');
    await writeFile(without, await buildOfd([{ image, width: 1240, height: 1754, dpi: 150, ocr: null }], PROPS));
    expect(checkOfd(without).pages[0]).not.toEqual(readingOrder(ocr));
    const spaced = recognition(0, [line('住 房 公 积 金', [300, 100, 600, 60])]);
    const spacedFile = path.join(dir, 'spaced.ofd');
    await writeFile(spacedFile, await buildOfd([{ image, width: 1240, height: 1754, dpi: 150, ocr: spaced }], PROPS));
    expect(checkOfd(spacedFile).pages[0]!.join('\n')).toMatch(HAN_SPACE_HAN);
  });

  it('hpf-desk export --ofd: a read batch as OFD whose text is the OCR\'s own, line for line, CER unchanged', { timeout: 240_000 }, async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    const names = ['withdrawal-03', 'id-card-04'];
    const imported = json<ImportResult>(await runCli(['import', ...names.map((n) => path.join(FIXTURES, `${n}.jpg`)), '--batch', '柜台2025', '--data', data, '--json']));
    expect(imported.imported).toHaveLength(2);
    const file = path.join(root, '柜台.ofd');
    const exported = await runCli(['export', '柜台2025', '--ofd', file, '--data', data, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(json(exported)).toMatchObject({ out: file, format: 'ofd', kind: 'batch', pages: 2, withoutText: [] });

    const check = checkOfd(file);
    expect(check.problems).toEqual([]);
    expect(check.docInfo).toMatchObject({ Title: '柜台2025', 'CustomData:全宗号': expect.any(String) });
    const pages = json<PageSummary[]>(await runCli(['list', 'pages', '--batch', '柜台2025', '--data', data, '--json']));
    for (const [i, page] of pages.entries()) {
      const read = json<{ text: string; lines: Array<{ text: string }> }>(await runCli(['text', page.id, '--data', data, '--json']));
      const truth = readFileSync(path.join(FIXTURES, `${page.source.file.replace('.jpg', '')}.gt.txt`), 'utf8');
      const exposed = check.pages[i]!;
      expect(characterErrorRate(exposed.join('\n'), truth)).toBe(characterErrorRate(read.text, truth));
      expect([...exposed].sort()).toEqual(read.lines.map((l) => l.text).filter((t) => t.trim() !== '').sort());
      for (const text of exposed) expect(text).not.toMatch(HAN_SPACE_HAN);
    }
  });
});
