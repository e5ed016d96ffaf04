import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult, BatchDocument, CoreEvent, PageDetail, PageSummary, TrashedPage } from '../../shared/contract';
import type { Core } from '../../electron/core/core-api';
import { DATABASE_FILE, openCore } from '../../electron/core/open-core';
import { writeSmallPages } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function openDesk(dir: string) {
  const core = await openCore({ dataDir: path.join(dir, 'data'), actor: 'clerk-7', workers: 1, backgroundOcr: false });
  cores.push(core);
  const { raw, call } = await signedInCaller(core, { name: 'clerk-7', password: '246800' });
  const changed: string[] = [];
  core.subscribe((e: CoreEvent) => e.type === 'batch.changed' && changed.push(e.batchId));
  return { core, raw, call, changed };
}

describe('page editing through the API, as the batch screen calls it', () => {
  it('lists documents, merges, splits, reorders, rotates, trashes and restores, each audited and announced', async () => {
    const dir = await tempDir();
    const { core, call, changed } = await openDesk(dir);
    const batch = await call<{ id: string }>('batches.create', { name: '柜台 页面编辑' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 4) });
    const p = (await call<PageSummary[]>('pages.list', { batchId: batch.id })).map((x) => x.id);
    const documents = () => call<BatchDocument[]>('documents.list', { batchId: batch.id });

    // One document per imported file, in the order of their pages.
    const imported = await documents();
    expect(imported.map((d) => d.pageIds)).toEqual([[p[0]], [p[1]], [p[2]], [p[3]]]);
    expect(imported.every((d) => d.itemId === null && !d.filed)).toBe(true);
    const [d0, d1, d2] = imported.map((d) => d.id);

    changed.length = 0;
    await call('documents.merge', { target: d0, sources: [d1] });
    await call('documents.merge', { target: d0, sources: [d2] });
    expect(changed).toEqual([batch.id, batch.id]);
    expect((await documents()).map((d) => d.pageIds)).toEqual([[p[0], p[1], p[2]], [p[3]]]);

    const { document: split } = await call<{ document: string }>('documents.split', { id: d0, atPage: p[1] });
    expect((await documents()).map((d) => [d.id, d.pageIds])).toEqual([[d0, [p[0]]], [split, [p[1], p[2]]], [expect.any(String), [p[3]]]]);

    await call('pages.reorder', { documentId: split, pageIds: [p[2], p[1]] });
    expect((await call<PageSummary[]>('pages.list', { batchId: batch.id })).map((x) => x.id)).toEqual([p[0], p[2], p[1], p[3]]);

    const before = await call<PageDetail>('pages.get', { id: p[2] });
    await call('pages.rotate', { id: p[2], degrees: 270 });
    const turned = await call<PageDetail>('pages.get', { id: p[2] });
    expect(turned.steps.some((s) => s.op === 'rotate' && s.degrees === 270)).toBe(true);
    expect(turned.thumbSha256).not.toBe(before.thumbSha256);
    expect(turned.source.sha256).toBe(before.source.sha256);

    await call('pages.trash', { pageIds: [p[1]], reason: '重复扫描' });
    const trash = await call<TrashedPage[]>('trash.list', { batchId: batch.id });
    const trashedThumb = (await call<PageDetail>('pages.get', { id: p[1] })).thumbSha256;
    expect(trash).toEqual([{ page: p[1], document: split, seq: expect.any(Number), thumbSha256: trashedThumb, reason: '重复扫描', actor: 'clerk-7', at: expect.any(String) }]);
    expect((await documents()).map((d) => d.pageIds)).toEqual([[p[0]], [p[2]], [p[3]]]);
    await call('pages.restore', { pageIds: [p[1]] });
    expect(await call('trash.list', { batchId: batch.id })).toEqual([]);
    expect((await documents()).map((d) => d.pageIds)).toEqual([[p[0]], [p[2], p[1]], [p[3]]]);

    await call('pages.move', { pageIds: [p[3]], documentId: d0 });
    expect((await documents()).map((d) => d.pageIds)).toEqual([[p[0], p[3]], [p[2], p[1]]]);

    const dataDir = core.dataDir;
    await core.close();
    cores.splice(0);
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const edits = ['document.merged', 'document.merged', 'document.split', 'pages.reordered', 'page.rotated', 'pages.trashed', 'pages.restored', 'pages.moved'];
      const kinds = db.prepare(`SELECT kind, actor FROM events WHERE kind IN (${[...new Set(edits)].map(() => '?').join()}) ORDER BY id`).all(...new Set(edits));
      expect(kinds).toEqual(edits.map((kind) => ({ kind, actor: 'clerk-7' })));
    } finally {
      db.close();
    }
  });

  it('refuses every change to the pages of a filed item with a clear message, and lists it as filed', async () => {
    const dir = await tempDir();
    const { raw, call } = await openDesk(dir);
    const batch = await call<{ id: string }>('batches.create', { name: '柜台 已归档' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 4) });
    const p = (await call<PageSummary[]>('pages.list', { batchId: batch.id })).map((x) => x.id);
    const item = await call<{ id: string }>('items.create', {
      batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields: { 姓名: '李四', 证件号码: '110101199003074573', 金额: '3000' },
    });
    await call('items.assign', { itemId: item.id, pageIds: [p[0], p[1]], material: 'TQSQB' });
    await call('items.assign', { itemId: item.id, pageIds: [p[2]], material: 'SFZ' });
    await call('items.assign', { itemId: item.id, pageIds: [p[3]], material: 'YHK' });
    await call('items.file', { id: item.id });

    const docs = await call<BatchDocument[]>('documents.list', { batchId: batch.id });
    expect(docs.map((d) => [d.material, d.filed, d.itemId])).toEqual([['TQSQB', true, item.id], ['SFZ', true, item.id], ['YHK', true, item.id]]);
    const [form, card] = docs.map((d) => d.id);
    const refusals = await Promise.all([
      raw('documents.split', { id: form, atPage: p[1] }),
      raw('documents.merge', { target: form, sources: [card] }),
      raw('pages.reorder', { documentId: form, pageIds: [p[1], p[0]] }),
      raw('pages.rotate', { id: p[0], degrees: 90 }),
      raw('pages.trash', { pageIds: [p[0]], reason: '多扫' }),
      raw('pages.move', { pageIds: [p[2]], documentId: form }),
    ]);
    for (const r of refusals) {
      expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/已归档/) } });
    }
    expect(await raw('documents.list', { batchId: 'no-such-batch' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call<PageSummary[]>('pages.list', { batchId: batch.id })).map((x) => x.id)).toEqual(p);
  });
});
