import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { learnChoice, suggestForPage } from '../../electron/core/filing/classifier-store';
import type { Db } from '../../electron/core/store/open-database';
import { insertResult, requestPageOcr } from '../../electron/core/store/repo/ocr-results';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { pageFromText } from '../helpers/ocr-page';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

function read(db: Db, pageId: string, text: string): void {
  const image = db.prepare("SELECT sha256 FROM derivatives WHERE page_id = ? AND kind = 'image'").pluck().get(pageId) as string;
  const key = createHash('sha256').update(`${image}:${text}`).digest('hex');
  db.transaction(() => {
    requestPageOcr(db, pageId, key, 'ppocr');
    insertResult(db, { key, imageSha256: image, engine: 'ppocr', model: 'PP-OCRv4', settings: {}, seconds: 1, result: pageFromText(text) });
  })();
}

/** A centre's own approval sheet: a grid of label/value cells under a title no scheme knows. */
const sheet = (no: string) =>
  [
    '某某市公积金中心职工住房提取审批单',
    `审批编号  ${no}  经办网点  城东`,
    '姓名  王五  证件号码  110101199003074573',
    '审核人  李四  复核人  赵六',
    '经办意见  同意  日期  2025-03-01',
  ].join('\n');

describe('classification from stored OCR with its layout', () => {
  it('suggests from the page read with its boxes, and learns the layout cues from a clerk’s choice', async () => {
    store = await openFilingStore(await tempDir(), 2);
    const { ctx, filing, pageIds: p } = store;
    const scheme = filing.scheme().body;
    read(ctx.db, p[0]!, sheet('A-1'));
    read(ctx.db, p[1]!, sheet('A-2'));
    expect(suggestForPage(ctx.db, scheme, p[1]!).materials[0]?.code).not.toBe('TQSQB');

    expect(learnChoice(ctx.db, scheme, 'clerk-1', 'material', p[0]!, 'TQSQB')).toBe(true);
    const learned = ctx.db.prepare("SELECT feature FROM classifier_weights WHERE target = 'material' AND label = 'TQSQB' ORDER BY feature").pluck().all();
    expect(learned).toEqual(expect.arrayContaining(['l:table', 'l:label-form']));
    expect(ctx.db.prepare('SELECT predicted, actual FROM classifier_corrections').all()).toEqual([
      { predicted: expect.not.stringMatching(/^TQSQB$/), actual: 'TQSQB' },
    ]);

    const next = suggestForPage(ctx.db, scheme, p[1]!);
    expect(next.hasText).toBe(true);
    expect(next.materials[0]?.code).toBe('TQSQB');
    expect(next.materials[0]!.cues.some((c) => c.startsWith('learned'))).toBe(true);
  });
});
