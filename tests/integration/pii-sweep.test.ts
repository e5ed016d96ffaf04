import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract';
import { METHOD_ACCESS } from '../../electron/core/auth/method-access';
import { addUser } from '../../electron/core/auth/user-store';
import type { Core } from '../../electron/core/core-api';
import { DATABASE_FILE, openCore } from '../../electron/core/open-core';
import { insertResult, requestPageOcr } from '../../electron/core/store/repo/ocr-results';
import { openDatabase, type Db } from '../../electron/core/store/open-database';
import { signedInCaller, TEST_ADMIN } from '../helpers/desk-session';
import { writeSmallPages } from '../helpers/filing-store';
import { pageFromText } from '../helpers/ocr-page';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const open: Array<Core | Db> = [];
afterEach(async () => {
  for (const o of open.splice(0)) 'dispatch' in o ? await o.close() : o.close();
});

const ID = '110101199003074573';
const SPOUSE_ID = '11010519491231002X';
const MOBILE = '13912345678';
const CARD = '6222021234567890128';
/** The personal values the store is full of, as they must never reach a clerk. */
const SECRETS = [ID, SPOUSE_ID, MOBILE, CARD, '6222 0212 3456 7890 128'];

/** What the pages say, as OCR read them: the form, the ID card and the bank card. */
const PAGE_TEXTS = [
  `住房公积金提取申请表\n姓名 李四  证件号码 ${ID}\n手机号码 ${MOBILE}\n配偶证件号码 ${SPOUSE_ID}`,
  `中华人民共和国居民身份证\n姓名 李四\n公民身份号码 ${ID}`,
  `银行卡\n卡号 6222 0212 3456 7890 128\n${CARD}`,
];

type Fixture = { batch: string; pages: string[]; item: string; dossier: string; sample: string };

/**
 * Who reads what. Every method of the contract is in exactly one list, so a new method must be
 * placed here before the suite passes: reads are called by the clerk on the fixture store.
 */
const READS: Partial<Record<MethodName, (f: Fixture) => unknown[]>> = {
  'station.info': () => [{}],
  'session.get': () => [{}],
  'batches.list': () => [{}],
  'batches.get': (f) => [{ id: f.batch }],
  'pages.list': (f) => [{ batchId: f.batch }],
  'pages.get': (f) => f.pages.map((id) => ({ id })),
  'rejections.list': (f) => [{ batchId: f.batch }],
  'store.verify': () => [{}],
  'sync.status': () => [{}],
  'sync.report': (f) => [{ batchId: f.batch }],
  'sync.settings': () => [{}],
  'scan.sessions': (f) => [{ batchId: f.batch }],
  'profiles.list': () => [{}],
  'ocr.status': () => [{}],
  'ocr.pages': (f) => [{ batchId: f.batch }],
  'ocr.page': (f) => f.pages.map((pageId) => ({ pageId })),
  'scheme.get': () => [{}],
  'scheme.versions': () => [{}],
  'business.types': () => [{}],
  'items.list': (f) => [{ batchId: f.batch }],
  'items.get': (f) => [{ id: f.item }, { id: f.item, reveal: true }],
  'items.check': (f) => [{ id: f.item }],
  'documents.list': (f) => [{ batchId: f.batch }],
  'trash.list': (f) => [{ batchId: f.batch }],
  'classify.pages': (f) => [{ pageIds: f.pages }],
  'dossiers.get': (f) => [{ id: f.dossier }],
  'dossiers.find': () => [{ field: '证件号码', value: ID }],
  search: () => [ID, MOBILE, CARD, '6222', '李四', '1101'].map((query) => ({ query })),
  'keying.compare': (f) => [{ itemId: f.item }],
  'qc.get': (f) => [{ sampleId: f.sample }],
  'qc.list': (f) => [{ batchId: f.batch }],
  'rescans.list': (f) => [{ batchId: f.batch }],
  'catalogue.preview': () => [{ path: '/dev/null' }],
  'stats.report': () => [{}, { range: { preset: 'month' } }],
  'stats.list': () => [{ figure: 'pagesCaptured' }, { figure: 'itemsFiled' }],
  'stats.xlsx': () => [{}],
};

/** Not reads of the store: they change it, drive devices or the session. */
const NOT_READS: ReadonlySet<MethodName> = new Set<MethodName>([
  'session.signIn', 'session.signOut', 'batches.create', 'batches.close', 'batches.split', 'import.paths',
  'sync.pause', 'sync.resume', 'sync.run', 'sync.retry', 'sync.configure',
  'scan.devices', 'scan.capabilities', 'scan.start', 'scan.cancel', 'profiles.save', 'profiles.delete', 'capture.frame',
  'ocr.enqueue', 'ocr.cancel', 'ocr.setEngine', 'scheme.save',
  'items.create', 'items.correct', 'items.assign', 'items.file',
  'documents.material', 'documents.split', 'documents.merge', 'pages.reorder', 'pages.move', 'pages.rotate', 'pages.trash', 'pages.restore', 'pages.unassign',
  'sheets.print', 'catalogue.import', 'catalogue.link', 'keying.submit', 'keying.resolve', 'qc.sample', 'qc.judge', 'qc.decide', 'rescans.replace',
]);

async function fixtureStore() {
  const dir = await tempDir();
  const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
  open.push(core);
  const admin = await signedInCaller(core);
  const db = openDatabase(path.join(dir, 'data', DATABASE_FILE));
  open.push(db);
  await addUser(db, TEST_ADMIN.name, { name: 'clerk-1', role: 'clerk', password: '135790' });
  const batch = await admin.call<{ id: string }>('batches.create', { name: '柜台 PII' });
  await admin.call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 3) });
  const pages = (await admin.call<Array<{ id: string }>>('pages.list', { batchId: batch.id })).map((p) => p.id);
  pages.forEach((pageId, i) => {
    const image = db.prepare("SELECT sha256 FROM derivatives WHERE page_id = ? AND kind = 'image'").pluck().get(pageId) as string;
    const key = createHash('sha256').update(`${image}:sweep`).digest('hex');
    db.transaction(() => {
      requestPageOcr(db, pageId, key, 'ppocr');
      insertResult(db, { key, imageSha256: image, engine: 'ppocr', model: 'PP-OCRv4 test', settings: {}, seconds: 0.5, result: pageFromText(PAGE_TEXTS[i]!) });
    })();
  });
  const item = await admin.call<{ id: string }>('items.create', {
    batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03',
    fields: { 姓名: '李四', 证件号码: ID, 手机号码: MOBILE, 银行卡号: CARD, 配偶证件号码: SPOUSE_ID, 金额: '3000' },
  });
  for (const [i, material] of ['TQSQB', 'SFZ', 'YHK'].entries()) await admin.call('items.assign', { itemId: item.id, pageIds: [pages[i]!], material });
  const filed = await admin.call<{ dossier: string }>('items.file', { id: item.id });
  const sample = await admin.call<{ id: string }>('qc.sample', { batchId: batch.id, rate: 1 });
  const clerk = await signedInCaller(core, { name: 'clerk-1', password: '135790' });
  return { admin, clerk, db, fixture: { batch: batch.id, pages, item: item.id, dossier: filed.dossier, sample: sample.id } };
}

const leaks = (answer: unknown) => SECRETS.filter((secret) => JSON.stringify(answer).includes(secret));

describe('PII sweep: a clerk reads the whole store and sees no personal value unmasked', () => {
  it('places every method of the contract as a read or not', () => {
    const placed = [...Object.keys(READS), ...NOT_READS].sort();
    expect(placed).toEqual(Object.keys(METHOD_ACCESS).sort());
  });

  it('answers every read of a clerk masked, while the same store holds the values in full', async () => {
    const { admin, clerk, fixture } = await fixtureStore();
    // The fixture is what it claims: the full values are there for who may reveal them.
    expect(leaks(await admin.call('items.get', { id: fixture.item, reveal: true }))).toEqual(expect.arrayContaining([ID, MOBILE, CARD, SPOUSE_ID]));
    expect(leaks(await admin.call('ocr.page', { pageId: fixture.pages[0] }))).toEqual(expect.arrayContaining([ID, MOBILE, SPOUSE_ID]));
    let calls = 0;
    for (const [method, requests] of Object.entries(READS) as Array<[MethodName, (f: Fixture) => unknown[]]>) {
      for (const request of requests(fixture)) {
        const answer = await clerk.raw(method, request);
        calls += 1;
        // A search answer repeats the clerk's own query; what it found is what counts.
        const shown = method === 'search' && answer.ok ? (answer.value as { hits: unknown }).hits : answer;
        expect(leaks(shown), `${method} ${JSON.stringify(request)}`).toEqual([]);
      }
    }
    expect(calls).toBeGreaterThan(Object.keys(READS).length);
  });

  it('masks what the field extractor recognizes on a clerk\'s OCR page, shows it in full to who may reveal, and audits that view', async () => {
    const { admin, clerk, db, fixture } = await fixtureStore();
    const page = fixture.pages[0]!;
    const masked = await clerk.call<{ text: string; proposals: Array<{ field: string; value: string }>; lines: Array<{ words: Array<{ text: string }> }> }>('ocr.page', { pageId: page });
    expect(masked.text).toContain('1101**********4573');
    expect(masked.text).toContain('139****5678');
    expect(masked.text).toContain('李四');
    expect(masked.proposals).toEqual(expect.arrayContaining([expect.objectContaining({ field: '证件号码', value: '1101**********4573' })]));
    const viewed = () => db.prepare("SELECT actor, subject, data FROM events WHERE kind = 'pii.viewed'").all() as Array<{ actor: string; subject: string; data: string }>;
    expect(viewed()).toEqual([]);
    const full = await admin.call<{ text: string }>('ocr.page', { pageId: page });
    expect(full.text).toContain(ID);
    expect(viewed()).toEqual([{ actor: TEST_ADMIN.name, subject: page, data: expect.stringContaining('ocr.page') }]);
    expect(JSON.parse(viewed()[0]!.data).fields).toEqual(expect.arrayContaining(['证件号码', '手机号码']));
  });
});
