import { afterEach, describe, expect, it } from 'vitest';
import { getDossier } from '../../electron/core/filing/dossiers';
import { itemVersions } from '../../electron/core/filing/item-store';
import { movePages, trashPages } from '../../electron/core/pages/page-ops';
import type { Db } from '../../electron/core/store/open-database';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

const PERSON = { 姓名: '张三', 证件号码: '110101199003074573', 婚姻状况: '未婚', 金额: '12300' };

/** Everything stored about an item: rows, versions, documents, pages, images, code, dossier place. */
function snapshot(db: Db, itemId: string): unknown {
  const all = (sql: string) => db.prepare(sql).all(itemId);
  return {
    item: all('SELECT * FROM items WHERE id = ?'),
    versions: all('SELECT * FROM item_versions WHERE item_id = ? ORDER BY version'),
    documents: all('SELECT * FROM documents WHERE item_id = ? ORDER BY id'),
    pages: all('SELECT p.*, v.sha256 FROM pages p JOIN documents d ON d.id = p.document_id JOIN derivatives v ON v.page_id = p.id WHERE d.item_id = ? ORDER BY p.id, v.kind'),
    code: all('SELECT * FROM archival_codes WHERE item_id = ?'),
    dossier: all('SELECT * FROM dossier_items WHERE item_id = ?'),
  };
}

describe('filing items into dossiers', () => {
  it('files a withdrawal with its 档号 into the person’s dossier; a later item appends without changing the earlier one', async () => {
    store = await openFilingStore(await tempDir(), 8);
    const { filing, batchId, pageIds: p, ctx } = store;
    const first = filing.createItem({ batchId, business: 'TQ-GF', businessDate: '2025-03-01', fields: PERSON });
    expect(first.checklist).toBe('2024版');
    const id1 = first.item.id;
    for (const [i, m] of ['TQSQB', 'SFZ', 'GFHT', 'YHK'].entries()) filing.assign({ itemId: id1, pageIds: [p[i]!], material: m });
    expect(filing.check(id1)).toMatchObject({ complete: true, missing: [], version: '2024版' });
    const filed1 = filing.file(id1);
    expect(filed1).toMatchObject({ archivalCode: 'J017-GJJ·2025-D30-TQ-0001', missing: [], already: false });
    expect(filing.file(id1)).toMatchObject({ archivalCode: 'J017-GJJ·2025-D30-TQ-0001', already: true });
    const before = snapshot(ctx.db, id1);

    // Months later: repaying a loan, same person → same dossier, next 件号 of the class.
    const second = filing.createItem({ batchId, business: 'TQ-HD', businessDate: '2025-09-10', fields: { ...PERSON, 贷款合同号: 'BJJK2024219425' } });
    for (const [i, m] of ['TQSQB', 'SFZ', 'JKHT', 'YHK'].entries()) filing.assign({ itemId: second.item.id, pageIds: [p[4 + i]!], material: m });
    const filed2 = filing.file(second.item.id);
    expect(filed2).toMatchObject({ archivalCode: 'J017-GJJ·2025-D30-TQ-0002', dossier: filed1.dossier });
    expect(snapshot(ctx.db, id1)).toEqual(before);
    const dossier = getDossier(ctx.db, filing.scheme().body, filed1.dossier!);
    expect(dossier).toMatchObject({ kind: 'person', keys: [{ field: '证件号码', value: '1101**********4573' }] });
    expect(dossier.items.map((i) => [i.seq, i.archivalCode])).toEqual([
      [1, 'J017-GJJ·2025-D30-TQ-0001'],
      [2, 'J017-GJJ·2025-D30-TQ-0002'],
    ]);
  });

  it('refuses filing while required materials are missing unless a reason is given, and records it', async () => {
    store = await openFilingStore(await tempDir(), 2);
    const { filing, batchId, pageIds: p } = store;
    const { item } = filing.createItem({ batchId, business: 'TQ-GF', businessDate: '2024-06-30', fields: { ...PERSON, 婚姻状况: '已婚' } });
    filing.assign({ itemId: item.id, pageIds: [p[0]!], material: 'TQSQB' });
    filing.assign({ itemId: item.id, pageIds: [p[1]!], material: 'SFZ' });
    expect(filing.check(item.id)).toMatchObject({ version: '2019版', missing: ['GFHT', 'GFFP', 'JHZ', 'YHK'], complete: false });
    expect(() => filing.file(item.id)).toThrow(/缺少要件.*购房合同/);
    const filed = filing.file(item.id, { allowMissing: '购房合同原件在银行，三日内补交' });
    expect(filed.missing).toEqual(['GFHT', 'GFFP', 'JHZ', 'YHK']);
    expect(filing.getItem(item.id, false)).toMatchObject({ state: 'filed', missingReason: '购房合同原件在银行，三日内补交' });
  });

  it('keeps a filed item: corrections are versions with who and why, pages do not move, supplements are added beside', async () => {
    store = await openFilingStore(await tempDir(), 6);
    const { filing, batchId, pageIds: p, ctx } = store;
    const { item } = filing.createItem({ batchId, business: 'TQ-ZF', businessDate: '2025-02-01', fields: PERSON });
    for (const [i, m] of ['TQSQB', 'SFZ', 'YHK'].entries()) filing.assign({ itemId: item.id, pageIds: [p[i]!], material: m });
    const { archivalCode } = filing.file(item.id);

    const corrected = filing.correct({ id: item.id, fields: { 手机号码: '13812345678' }, reason: '客户来电更正手机号' });
    expect(corrected).toMatchObject({ version: 2, archivalCode, fields: { 手机号码: '138****5678' } });
    expect(itemVersions(ctx.db, item.id).map((v) => [v.version, v.actor, v.reason, v.fields['手机号码'] ?? null])).toEqual([
      [1, 'clerk-1', '新建 / created', null],
      [2, 'clerk-1', '客户来电更正手机号', '13812345678'],
    ]);
    expect(() => filing.correct({ id: item.id, fields: {}, business: 'TQ-GF', reason: '选错业务' })).toThrow(/档号/);
    expect(() => filing.correct({ id: item.id, fields: { 证件号码: '' }, reason: '清空' })).toThrow(/必须填写/);

    const filedDoc = filing.getItem(item.id, false).documents[0]!;
    expect(() => movePages(ctx.db, 'x', [filedDoc.pageIds[0]!], filing.getItem(item.id, false).documents[1]!.id)).toThrow(/filed/);
    expect(() => trashPages(ctx.db, 'x', [filedDoc.pageIds[0]!], '误扫')).toThrow(/已归档/);
    expect(() => filing.assign({ itemId: item.id, pageIds: [p[3]!], material: 'ZLHT' })).toThrow(/补充材料/);
    const docsBefore = filing.getItem(item.id, false).documents;
    const supplement = filing.assign({ itemId: item.id, pageIds: [p[3]!], material: 'ZLHT', reason: '补交租赁合同' });
    const docsAfter = filing.getItem(item.id, false).documents;
    expect(docsAfter.slice(0, docsBefore.length)).toEqual(docsBefore);
    expect(docsAfter.at(-1)).toMatchObject({ id: supplement.document, material: 'ZLHT' });
    expect(filing.getItem(item.id, false).archivalCode).toBe(archivalCode);
  });

  it('grows one loan dossier from application to settlement over the years; retention counts from settlement', async () => {
    store = await openFilingStore(await tempDir(), 3);
    const { filing, batchId, pageIds: p, ctx } = store;
    const loan = { 贷款合同号: 'GJJDK-2021-0088', 姓名: '程强', 证件号码: '610113197104224619', 婚姻状况: '已婚' };
    const steps: Array<[string, string, string]> = [
      ['DK-SQ', '2021-05-14', 'DKSQB'],
      ['DK-HKBG', '2024-01-10', 'HKBGSQ'],
      ['DK-JQ', '2025-02-01', 'JQZM'],
    ];
    const codes: string[] = [];
    let dossierId: string | null = null;
    for (const [i, [business, date, material]] of steps.entries()) {
      const { item } = filing.createItem({ batchId, business, businessDate: date, fields: loan });
      filing.assign({ itemId: item.id, pageIds: [p[i]!], material });
      const filed = filing.file(item.id, { allowMissing: '演示：其余要件见纸质档案' });
      codes.push(filed.archivalCode);
      dossierId ??= filed.dossier;
      expect(filed.dossier).toBe(dossierId);
      const dossier = getDossier(ctx.db, filing.scheme().body, dossierId!);
      expect(dossier.retentionUntil).toBe(business === 'DK-JQ' ? '2055-02-01' : null);
    }
    expect(codes).toEqual(['J017-GJJ·2021-D30-DK-0001', 'J017-GJJ·2024-D30-DK-0001', 'J017-GJJ·2025-D30-DK-0001']);
    expect(getDossier(ctx.db, filing.scheme().body, dossierId!)).toMatchObject({ kind: 'loan', settledOn: '2025-02-01' });
  });

  it('finds an enterprise’s dossier by its credit code or its account', async () => {
    store = await openFilingStore(await tempDir(), 2);
    const { filing, batchId, pageIds: p } = store;
    const open = filing.createItem({ batchId, business: 'GJ-DWKH', businessDate: '2024-01-06', fields: { 单位名称: '上海新锐环保工程有限公司', 统一社会信用代码: '91310115MA1H7GQX9R', 单位账号: '310115098969' } });
    filing.assign({ itemId: open.item.id, pageIds: [p[0]!], material: 'DWDJB' });
    const first = filing.file(open.item.id, { allowMissing: '营业执照已核验' });
    const later = filing.createItem({ batchId, business: 'GJ-HJ', businessDate: '2024-02-15', fields: { 单位名称: '上海新锐环保工程有限公司', 单位账号: '310115098969', 统一社会信用代码: '91310115MA1H7GQX9R' } });
    filing.assign({ itemId: later.item.id, pageIds: [p[1]!], material: 'HJQD' });
    expect(filing.file(later.item.id)).toMatchObject({ dossier: first.dossier, archivalCode: 'J017-GJJ·2024-D30-GJ-0002' });
  });

  it('versions the scheme on every edit and refuses an invalid one', async () => {
    store = await openFilingStore(await tempDir(), 0);
    const { filing, ctx } = store;
    const v1 = filing.scheme();
    expect(v1.version).toBe(1);
    const edited = structuredClone(v1.body);
    edited.businessTypes.find((b) => b.code === 'TQ-ZF')!.checklists.push({ version: '2026版', effectiveFrom: '2026-01-01', basis: '', materials: [{ rule: 'required', material: 'ZLHT' }] });
    expect(filing.schemes.save(ctx.actor, edited, '租房提取须提供租赁合同').version).toBe(2);
    expect(filing.schemes.save(ctx.actor, edited, '再次保存').version).toBe(2);
    expect(() => filing.schemes.save(ctx.actor, { ...edited, categoryCode: 'gjj' }, '错误')).toThrow(/invalid scheme/);
    expect(filing.schemes.versions().map((v) => [v.version, v.reason])).toEqual([
      [1, '默认分类方案 / shipped default scheme'],
      [2, '租房提取须提供租赁合同'],
    ]);
    expect(filing.schemes.at(1).body.businessTypes.find((b) => b.code === 'TQ-ZF')!.checklists).toHaveLength(1);
  });
});
