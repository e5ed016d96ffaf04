import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldProposal, ImportResult, OcrWord, PageSummary } from '../../shared/contract';
import { characterErrorRate } from '../../electron/core/bench/ocr-score';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const FIXTURES = path.resolve('tests/fixtures/ocr');
const tempDir = useTempDirs();
const HAN_SPACE_HAN = /\p{Script=Han} +\p{Script=Han}/u;

interface TextOut {
  page: string;
  text: string;
  lines: Array<{ text: string }>;
  confidence: number;
  engine: string;
  words: OcrWord[];
  proposals: FieldProposal[];
}

describe('hpf-desk ocr, text, export --pdf', () => {
  it('reads a batch once, prints a page’s text and exports a searchable PDF that loses nothing', { timeout: 180_000 }, async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    const names = ['withdrawal-03', 'id-card-04'];
    const imported = json<ImportResult>(
      await runCli(['import', ...names.map((n) => path.join(FIXTURES, `${n}.jpg`)), '--batch', '柜台2025', '--data', data, '--json']),
    );
    expect(imported.imported).toHaveLength(2);

    const ocr = await runCli(['ocr', '--batch', '柜台2025', '--data', data, '--json']);
    expect(ocr.code, ocr.stderr).toBe(0);
    expect(json(ocr)).toMatchObject({ done: 2, failed: [], pending: 0, read: 2, pagesPerMinute: expect.any(Number) });
    // Everything is read: running it again reads nothing.
    expect(json(await runCli(['ocr', '--data', data, '--json']))).toMatchObject({ done: 2, read: 0 });

    const pages = json<PageSummary[]>(await runCli(['list', 'pages', '--batch', '柜台2025', '--data', data, '--json']));
    const texts = new Map<string, TextOut>();
    for (const page of pages) {
      const out = json<TextOut>(await runCli(['text', page.id, '--data', data, '--json']));
      expect(out).toMatchObject({ page: page.id, engine: 'ppocr' });
      expect(out.words.length).toBeGreaterThan(10);
      texts.set(page.source.file.replace('.jpg', ''), out);
    }
    expect(texts.get('withdrawal-03')!.proposals.find((p) => p.field === '金额')).toMatchObject({ value: '258370.00' });
    expect(texts.get('id-card-04')!.proposals.find((p) => p.field === '证件号码')?.boxes.length).toBe(1);
    const human = await runCli(['text', pages[0]!.id, '--data', data]);
    expect(human.stdout).toContain('住房公积金提取申请表');

    const pdf = path.join(root, '柜台.pdf');
    const exported = await runCli(['export', '柜台2025', '--pdf', pdf, '--data', data, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(json(exported)).toMatchObject({ out: pdf, kind: 'batch', pages: 2, withoutText: [] });

    expect(execFileSync('qpdf', ['--check', pdf]).toString()).toMatch(/No syntax or stream encoding errors/);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Title:\s+柜台2025/);
    const extracted = execFileSync('pdftotext', [pdf, '-']).toString().split('\f');
    pages.forEach((page, i) => {
      const name = page.source.file.replace('.jpg', '');
      const truth = readFileSync(path.join(FIXTURES, `${name}.gt.txt`), 'utf8');
      const pageText = extracted[i]!;
      expect(characterErrorRate(pageText, truth), name).toBe(characterErrorRate(texts.get(name)!.text, truth));
      // Every line the OCR read comes out whole: no spaces between its 汉字.
      for (const line of texts.get(name)!.lines) {
        expect(line.text).not.toMatch(HAN_SPACE_HAN);
        expect(pageText).toContain(line.text);
      }
    });
  });

  it('refuses what it cannot do with a clear message', async () => {
    const data = path.join(await tempDir(), 'data');
    expect((await runCli(['ocr', '--engine', 'abbyy', '--data', data, '--json'])).code).toBe(1);
    const missing = await runCli(['text', 'P_NOPE', '--data', data, '--json']);
    expect(missing.code).toBe(1);
    expect(json(missing)).toMatchObject({ error: { code: 'not_found' } });
    const nothing = await runCli(['export', 'nothing', '--pdf', path.join(data, 'x.pdf'), '--data', data, '--json']);
    expect(nothing.code).toBe(1);
    expect(json(nothing)).toMatchObject({ error: { code: 'not_found' } });
  });
});
