import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageSummary } from '../../shared/contract';
import { tickedForm } from '../../electron/core/bench/ticked-forms';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

interface Suggested {
  business: Array<{ code: string; score: number; reason: string }>;
  material: Array<{ code: string; score: number; reason: string }>;
}

describe('hpf-desk suggest', () => {
  it('suggests the business whose box is ticked on the scan, with the reason, and nothing when no box is', { timeout: 180_000 }, async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    // The same printed words on every form: only the mark in the image differs. A drawn tick and a
    // filled box are not in the text OCR reads, so the image must be looked at.
    const forms = [tickedForm(1, 'tick'), tickedForm(0, 'filled'), tickedForm(null, 'tick')];
    const files = await Promise.all(forms.map(async (f) => {
      const file = path.join(root, `${f.name}.png`);
      await f.image.toFile(file);
      return file;
    }));
    expect((await runCli(['import', ...files, '--batch', '柜台', '--data', data, '--json'])).code).toBe(0);
    const ocr = await runCli(['ocr', '--batch', '柜台', '--data', data, '--json']);
    expect(ocr.code, ocr.stderr).toBe(0);
    const pages = json<PageSummary[]>(await runCli(['list', 'pages', '--batch', '柜台', '--data', data, '--json']));
    const byForm = new Map(pages.map((p) => [p.source.file.replace('.png', ''), p.id]));

    const suggest = async (name: string) => json<Suggested>(await runCli(['suggest', byForm.get(name)!, '--data', data, '--json']));
    const repay = await suggest('withdrawal-TQ-HD-tick');
    expect(repay.business[0]).toMatchObject({ code: 'TQ-HD', reason: '勾选：偿还住房贷款本息' });
    expect(repay.material[0]).toMatchObject({ code: 'TQSQB' });
    expect(repay.business.map((b) => b.score)).toEqual([...repay.business.map((b) => b.score)].sort((a, b) => b - a));
    expect((await suggest('withdrawal-TQ-GF-filled')).business[0]).toMatchObject({ code: 'TQ-GF', reason: '勾选：购买自住住房' });
    // No box ticked: every withdrawal reason is as likely, so none is offered.
    const unsure = await suggest('withdrawal-none-tick');
    expect(unsure.business).toEqual([]);
    expect(unsure.material[0]).toMatchObject({ code: 'TQSQB' });

    const human = await runCli(['suggest', byForm.get('withdrawal-TQ-HD-tick')!, '--data', data]);
    expect(human.stdout).toContain('TQ-HD');
    expect(human.stdout).toContain('勾选：偿还住房贷款本息');
  });
});
