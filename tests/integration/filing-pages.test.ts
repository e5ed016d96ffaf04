import { afterEach, describe, expect, it } from 'vitest';
import { listTrash, mergeDocuments, movePages, reorderPages, restorePages, setMaterial, splitDocument, trashPages } from '../../electron/core/pages/page-ops';
import { rotatePage } from '../../electron/core/pages/rotate-page';
import { getPage, listPages } from '../../electron/core/store/repo/pages';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

describe('arranging pages into documents', () => {
  it('splits, merges, reorders, moves, retypes, trashes and restores pages of a draft item', async () => {
    store = await openFilingStore(await tempDir(), 5);
    const { ctx, filing, batchId, pageIds: p } = store;
    const { db } = ctx;
    const { item } = filing.createItem({ batchId, business: 'TQ-GF', businessDate: '2025-03-01', fields: { 姓名: '张三', 证件号码: '110101199003074573', 金额: '1' } });
    const docs = () => filing.getItem(item.id, false).documents.map((d) => [d.material, d.pageIds]);

    // A 4-page bundle taken as one form, then split where the ID card starts.
    const form = filing.assign({ itemId: item.id, pageIds: [p[0]!, p[1]!, p[2]!, p[3]!], material: 'TQSQB' }).document;
    const split = splitDocument(db, 'clerk', form, p[2]!);
    expect(split.batchId).toBe(batchId);
    const card = split.document;
    expect(setMaterial(db, 'clerk', filing.scheme().body, card, 'SFZ')).toEqual({ previous: 'TQSQB', batchId });
    expect(docs()).toEqual([['TQSQB', [p[0], p[1]]], ['SFZ', [p[2], p[3]]]]);
    expect(() => splitDocument(db, 'clerk', form, p[0]!)).toThrow(/second page/);

    // Each operation answers with the batch it touched, which the API announces as changed.
    expect(reorderPages(db, 'clerk', card, [p[3]!, p[2]!])).toEqual({ batchId });
    expect(docs()[1]).toEqual(['SFZ', [p[3], p[2]]]);
    expect(listPages(db, batchId).map((x) => x.id)).toEqual([p[0], p[1], p[3], p[2], p[4]]);
    expect(() => reorderPages(db, 'clerk', card, [p[3]!])).toThrow(/exactly/);

    expect(movePages(db, 'clerk', [p[1]!], card)).toEqual({ batchId });
    expect(docs()).toEqual([['TQSQB', [p[0]]], ['SFZ', [p[1], p[3], p[2]]]]);
    expect(mergeDocuments(db, 'clerk', form, [card])).toEqual({ document: form, batchId });
    expect(docs()).toEqual([['TQSQB', [p[0], p[1], p[3], p[2]]]]);

    expect(trashPages(db, 'clerk', [p[1]!], '重复扫描')).toEqual({ batchId });
    expect(docs()).toEqual([['TQSQB', [p[0], p[3], p[2]]]]);
    expect(listTrash(db, batchId)).toMatchObject([{ page: p[1], document: form, reason: '重复扫描', actor: 'clerk' }]);
    expect(listPages(db, batchId).map((x) => x.id)).not.toContain(p[1]);
    expect(restorePages(db, 'clerk', [p[1]!])).toEqual({ batchId });
    expect(docs()).toEqual([['TQSQB', [p[0], p[1], p[3], p[2]]]]);
    expect(listTrash(db, batchId)).toEqual([]);
  });

  it('rotates a page by quarter turns, recording the step and keeping the original', async () => {
    store = await openFilingStore(await tempDir(), 1);
    const { ctx, pageIds, batchId } = store;
    const before = getPage(ctx.db, pageIds[0]!)!;
    expect(await rotatePage(ctx.db, ctx.blobs, 'clerk', pageIds[0]!, 90)).toEqual({ batchId });
    const after = getPage(ctx.db, pageIds[0]!)!;
    expect([after.width, after.height]).toEqual([before.height, before.width]);
    expect(after.imageSha256).not.toBe(before.imageSha256);
    expect(after.source.sha256).toBe(before.source.sha256);
    expect(after.steps.slice(-2)).toEqual([{ op: 'rotate', degrees: 90 }, expect.objectContaining({ op: 'encode' })]);
    expect(await ctx.blobs.has(before.imageSha256)).toBe(true);
  });
});
