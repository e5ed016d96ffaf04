import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/contract';
import { trashPages } from '../../electron/core/pages/page-ops';
import { importPaths } from '../../electron/core/import/import-paths';
import { searchArchive } from '../../electron/core/search/search-index';
import type { Db } from '../../electron/core/store/open-database';
import { insertResult, requestPageOcr } from '../../electron/core/store/repo/ocr-results';
import { listPages } from '../../electron/core/store/repo/pages';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { pageFromText } from '../helpers/ocr-page';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';
import { adminDispatch } from '../helpers/desk-session';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

const imageOf = (db: Db, pageId: string) => db.prepare("SELECT sha256 FROM derivatives WHERE page_id = ? AND kind = 'image'").pluck().get(pageId) as string;

/** Ask for a reading of a page under a new key, as the OCR queue does when image, engine or settings change. */
function requestReading(db: Db, pageId: string, variant: string): string {
  const key = createHash('sha256').update(`${imageOf(db, pageId)}:${variant}`).digest('hex');
  requestPageOcr(db, pageId, key, 'ppocr');
  return key;
}

/** Store a reading the way the OCR service does: the result in one transaction of its own. */
function storeReading(db: Db, pageId: string, key: string, text: string): void {
  db.transaction(() => {
    insertResult(db, { key, imageSha256: imageOf(db, pageId), engine: 'ppocr', model: 'PP-OCRv4 test', settings: {}, seconds: 0.5, result: pageFromText(text) });
  })();
}

const readAs = (db: Db, pageId: string, text: string) => storeReading(db, pageId, requestReading(db, pageId, text), text);

const find = (s: FilingStore, query: string, limit = 20): SearchHit[] => searchArchive(s.ctx.db, s.filing.scheme().body, query, limit).hits;
const refs = (hits: readonly SearchHit[]) => hits.map((h) => `${h.kind}:${h.id}`);

const WITHDRAWAL = [
  '住房公积金提取申请表',
  '姓名 沈建华  证件类型 居民身份证',
  '证件号码 310115196604277511  个人账号 633424351699',
  '单位名称 上海博远医药有限公司',
  '联系电话 18689801891  联系地址 上海市浦东新区东方明珠苑3栋2591室',
  '收款银行 中国工商银行  银行卡号 6222020670118901354',
].join('\n');

describe('search over OCR text and metadata', () => {
  it('finds pages by Chinese substrings, two-character names and ID-number substrings, with personal data masked', async () => {
    store = await openFilingStore(await tempDir(), 3);
    const { ctx, pageIds: p } = store;
    readAs(ctx.db, p[0]!, WITHDRAWAL);
    readAs(ctx.db, p[1]!, '居民身份证复印件\n姓名 邓芳\n公民身份号码 1 1 0 1 0 5 1 9 9 3 1 2 0 7 5 2 8 4');
    readAs(ctx.db, p[2]!, '中国建设银行\n6225 8809 7733 2242 206\n持卡人 戴丽华');

    expect(refs(find(store, '博远医药'))).toEqual([`page:${p[0]}`]);
    expect(refs(find(store, '公积金提取'))).toEqual([`page:${p[0]}`]);
    // Two characters are too short for trigrams: found by LIKE all the same.
    expect(refs(find(store, '邓芳'))).toEqual([`page:${p[1]}`]);
    expect(refs(find(store, '建华'))).toEqual([`page:${p[0]}`]);

    const byId = find(store, '19660427');
    expect(refs(byId)).toEqual([`page:${p[0]}`]);
    expect(byId[0]!.snippet).toContain('3101**********7511');
    expect(byId[0]!.snippet).not.toMatch(/19660427|18689801891|6222020670118901354/);
    expect(byId[0]).toMatchObject({ batchId: store.batchId, pageId: p[0], title: '柜台 #1' });

    // A letter-spaced ID number is found as typed and masked whole.
    const spaced = find(store, '1101051993');
    expect(refs(spaced)).toEqual([`page:${p[1]}`]);
    expect(spaced[0]!.snippet).toContain('1101**********5284');
    expect(spaced[0]!.snippet).not.toMatch(/1 9 9 3|19931207/);

    // Bank card and phone numbers in a snippet are masked; the address behind its label too.
    const card = find(store, '戴丽华')[0]!;
    expect(card.snippet).toContain('6225***********2206');
    const phone = find(store, '单位名称')[0]!;
    expect(phone.snippet).toContain('186****1891');
    expect(find(store, '东方明珠')[0]!.snippet).not.toContain('东方明珠苑3栋');
    // Highlights mark the term in the snippet.
    const hit = find(store, '博远医药')[0]!;
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['博远医药']);

    // Several terms must all occur; nothing matches nonsense.
    expect(refs(find(store, '沈建华 工商银行'))).toEqual([`page:${p[0]}`]);
    expect(refs(find(store, '沈建华 邓芳'))).toEqual([]);
    expect(find(store, '不存在的文字')).toEqual([]);
    expect(find(store, '100%_')).toEqual([]);
  });

  it('ranks by BM25: the text that says it most, and most densely, first — for long and short terms alike', async () => {
    store = await openFilingStore(await tempDir(), 3);
    const { ctx, pageIds: p } = store;
    readAs(ctx.db, p[0]!, `借款合同\n${'本合同条款说明。'.repeat(30)}\n抵押`);
    readAs(ctx.db, p[1]!, '抵押合同\n抵押物清单\n抵押权人 住房公积金管理中心');
    readAs(ctx.db, p[2]!, '个人住房公积金借款合同\n借款人 张三\n还款方式 等额本息');
    const long = find(store, '抵押合同');
    expect(refs(long)).toEqual([`page:${p[1]}`]);
    const many = find(store, '借款合同');
    expect(refs(many)).toEqual([`page:${p[2]}`, `page:${p[0]}`]);
    expect(many[0]!.score).toBeGreaterThan(many[1]!.score);
    const short = find(store, '抵押');
    expect(refs(short)).toEqual([`page:${p[1]}`, `page:${p[0]}`]);
    expect(short[0]!.score).toBeGreaterThan(short[1]!.score);
    expect(find(store, '抵押', 1)).toHaveLength(1);
  });

  it('keeps the index current: a page read again is found by its new text only; trashed pages drop out', async () => {
    store = await openFilingStore(await tempDir(), 2);
    const { ctx, pageIds: p } = store;
    readAs(ctx.db, p[0]!, '结婚证\n持证人 王小明');
    expect(refs(find(store, '王小明'))).toEqual([`page:${p[0]}`]);

    // Read again (e.g. after rotating it, or with another engine): until the new result is in,
    // the page keeps its old text; then only the new one is found.
    const key = ctx.db.transaction(() => requestReading(ctx.db, p[0]!, 'rotated'))();
    expect(refs(find(store, '王小明'))).toEqual([`page:${p[0]}`]);
    storeReading(ctx.db, p[0]!, key, '结婚证\n持证人 王晓明');
    expect(find(store, '王小明')).toEqual([]);
    expect(refs(find(store, '王晓明'))).toEqual([`page:${p[0]}`]);
    expect(ctx.db.prepare("SELECT count(*) FROM search_docs WHERE kind = 'page'").pluck().get()).toBe(1);

    trashPages(ctx.db, ctx.actor, [p[0]!], '重复扫描');
    expect(find(store, '王晓明')).toEqual([]);
  });

  it('finds items, documents and dossiers by 姓名, 证件号码, 贷款合同号, 档号, 题名 and 单位名称, masked', async () => {
    store = await openFilingStore(await tempDir(), 4);
    const { filing, batchId, pageIds: p } = store;
    const person = { 姓名: '张三', 证件号码: '110101199003074573', 婚姻状况: '未婚', 金额: '12300', 贷款合同号: 'BJJK2024219425', 联系地址: '北京市东城区景山前街4号' };
    const { item } = filing.createItem({ batchId, business: 'TQ-HD', businessDate: '2025-09-10', fields: person });
    for (const [i, m] of ['TQSQB', 'SFZ', 'JKHT', 'YHK'].entries()) filing.assign({ itemId: item.id, pageIds: [p[i]!], material: m });
    const { archivalCode, dossier } = filing.file(item.id);

    const byName = find(store, '张三');
    expect(new Set(refs(byName))).toEqual(new Set([`item:${item.id}`, `dossier:${dossier}`]));
    const itemHit = byName.find((h) => h.kind === 'item')!;
    expect(itemHit).toMatchObject({ title: archivalCode, batchId, pageId: p[0] });
    expect(byName.find((h) => h.kind === 'dossier')).toMatchObject({ batchId: null, pageId: null });

    const byId = find(store, '0307');
    expect(new Set(refs(byId))).toEqual(new Set([`item:${item.id}`, `dossier:${dossier}`]));
    for (const h of byId) {
      expect(h.snippet).toContain('1101**********4573');
      expect(h.snippet).not.toContain('110101199003074573');
    }
    expect(refs(find(store, 'BJJK2024'))).toEqual([`item:${item.id}`]);
    expect(refs(find(store, archivalCode!)).sort()).toEqual([`dossier:${dossier}`, `item:${item.id}`].sort());
    expect(find(store, '景山前街')[0]!.snippet).not.toContain('景山前街4号');

    // Documents by title (the material's name once assigned).
    const doc = find(store, '借款合同').find((h) => h.kind === 'document');
    expect(doc).toMatchObject({ title: '借款合同', batchId, pageId: p[2] });

    // A correction is a new version: the index follows it.
    filing.correct({ id: item.id, fields: { ...person, 姓名: '张叁' }, reason: '姓名写错' });
    expect(refs(find(store, '张叁'))).toEqual([`item:${item.id}`]);
    expect(refs(find(store, '张三'))).toEqual([`dossier:${dossier}`]);
  });

  it('answers through the API and refuses an empty query at the boundary', async () => {
    store = await openFilingStore(await tempDir(), 1);
    readAs(store.ctx.db, store.pageIds[0]!, '单位缴存登记表\n单位名称 上海博远医药有限公司');
    const dispatch = await adminDispatch(store.ctx);
    const ok = await dispatch('search', { query: '博远' });
    expect(ok).toMatchObject({ ok: true, value: { query: '博远', hits: [{ kind: 'page', id: store.pageIds[0] }] } });
    expect(await dispatch('search', { query: '   ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('search', { query: '博远', limit: 0 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Whatever is typed is a literal substring, never FTS5 syntax or SQL.
    for (const query of ['"', '***', 'a OR b', 'NEAR(单位 名称)', '\u0000单位', '😀😀😀', "'; DROP TABLE pages; --", '单位 AND']) {
      expect(await dispatch('search', { query }), query).toMatchObject({ ok: true });
    }
    expect(await dispatch('search', { query: '单位 AND' })).toMatchObject({ ok: true, value: { hits: [] } });
  });

  it('hpf-desk search prints exactly one JSON document, and refuses a missing query or a bad limit with exit 1', { timeout: 60_000 }, async () => {
    const root = await tempDir();
    store = await openFilingStore(root, 1);
    readAs(store.ctx.db, store.pageIds[0]!, WITHDRAWAL);
    await store.ctx.close();
    store = undefined;
    const data = path.join(root, 'data');

    const found = await runCli(['search', '沈建华', '--limit', '5', '--data', data, '--json']);
    expect(found.code, found.stderr).toBe(0);
    const out = json<{ query: string; hits: SearchHit[] }>(found);
    expect(out.query).toBe('沈建华');
    expect(out.hits).toEqual([expect.objectContaining({ kind: 'page', score: expect.any(Number), snippet: expect.stringContaining('沈建华') })]);
    expect(found.stdout).not.toContain('310115196604277511');

    const text = await runCli(['search', '建华', '--data', data]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('沈建华');

    for (const args of [['search'], ['search', '沈建华', '--limit', '0'], ['search', '沈建华', '--limit', 'many']]) {
      const bad = await runCli([...args, '--data', data, '--json']);
      expect(bad.code, args.join(' ')).toBe(1);
      expect(json(bad)).toMatchObject({ error: { code: 'usage' } });
    }
  });

  it('indexes what the real OCR engine read', { timeout: 180_000 }, async () => {
    store = await openFilingStore(await tempDir(), 0);
    const { ctx, batchId } = store;
    await importPaths(ctx, batchId, [path.resolve('tests/fixtures/ocr/id-card-04.jpg')]);
    const [page] = listPages(ctx.db, batchId);
    ctx.ocr.enqueue({ batchId });
    ctx.ocr.start({ auto: false });
    await ctx.ocr.whenIdle();
    expect(refs(find(store, '居民身份证'))).toEqual([`page:${page!.id}`]);
    expect(refs(find(store, '邓芳'))).toEqual([`page:${page!.id}`]);
    const byId = find(store, '19931207');
    expect(refs(byId)).toEqual([`page:${page!.id}`]);
    expect(byId[0]!.snippet).toContain('1101**********5284');
  });
});
