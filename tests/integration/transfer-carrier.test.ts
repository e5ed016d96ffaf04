import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sm3 } from 'sm-crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../electron/core/errors';
import type { Db } from '../../electron/core/store/open-database';
import { insertResult, requestPageOcr } from '../../electron/core/store/repo/ocr-results';
import { CarrierProfile } from '../../electron/core/transfer/carrier-profile';
import { writeCarrier } from '../../electron/core/transfer/carrier-write';
import { closeBatch } from '../../electron/core/transfer/close-batch';
import { openFilingStore, writeSmallPages, type FilingStore } from '../helpers/filing-store';
import { checkOfd } from '../helpers/ofd-check';
import { pageFromText } from '../helpers/ocr-page';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

const PERSON = { 姓名: '张三', 证件号码: '110101199003074573', 婚姻状况: '未婚', 金额: '12300' };

/** The profile as the data file states it, read apart from the code that applies it. */
const PROFILE = (JSON.parse(readFileSync(path.resolve('resources/carrier/profiles.json'), 'utf8')) as Array<Record<string, unknown>>)[0] as {
  descriptionFile: string; catalogueFile: string; fixityFile: string; itemFolder: string[]; ofdFile: string; originalsFolder: string;
};

/** A page read without an engine: its OCR result stored as the queue would store it. */
function read(db: Db, pageId: string, text: string): void {
  const image = db.prepare("SELECT sha256 FROM derivatives WHERE page_id = ? AND kind = 'image'").pluck().get(pageId) as string;
  const key = createHash('sha256').update(`${image}:${text}`).digest('hex');
  db.transaction(() => {
    requestPageOcr(db, pageId, key, 'ppocr');
    insertResult(db, { key, imageSha256: image, engine: 'ppocr', model: 'PP-OCRv4', settings: {}, seconds: 1, result: pageFromText(text) });
  })();
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

/** The catalogue read by Python's own XML parser: per 文件, its 档号, 电子档案名称 and each file's path and SM3. */
function parseCatalogue(file: string): Array<{ code: string; name: string; files: Array<{ path: string; sm3: string }> }> {
  const script = [
    'import json, sys, xml.etree.ElementTree as ET',
    'root = ET.parse(sys.argv[1]).getroot()',
    'assert root.tag == "文件目录", root.tag',
    'out = [{"code": f.findtext("档号"), "name": f.findtext("电子档案名称"), "files": [{"path": c.get("路径"), "sm3": c.find("固化信息[@算法=\'SM3\']").text} for c in f.iter("计算机文件")]} for f in root.findall("文件")]',
    'print(json.dumps(out, ensure_ascii=False))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as ReturnType<typeof parseCatalogue>;
}

describe('offline transfer carrier (离线移交载体, DA/T 93-2022)', () => {
  it('refuses an open batch; writes a closed one year → class → 档号 with OFD and originals, every file listed with its SM3', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 4);
    const { filing, batchId, pageIds: p, ctx } = store;
    p.forEach((id, i) => read(ctx.db, id, `住房公积金提取申请表\n姓名  张三  第 ${i + 1} 页`));
    const withdrawal = filing.createItem({ batchId, business: 'TQ-GF', businessDate: '2025-03-01', fields: PERSON }).item.id;
    filing.assign({ itemId: withdrawal, pageIds: [p[0]!, p[1]!], material: 'TQSQB' });
    const deposit = filing.createItem({ batchId, business: 'GJ-ZY', businessDate: '2024-11-30', fields: { 姓名: PERSON.姓名, 证件号码: PERSON.证件号码 } }).item.id;
    filing.assign({ itemId: deposit, pageIds: [p[2]!, p[3]!], material: 'SFZ' });
    const codes = [filing.file(withdrawal, { allowMissing: '容缺受理' }).archivalCode!, filing.file(deposit, { allowMissing: '容缺受理' }).archivalCode!];

    const open = writeCarrier(ctx, batchId, path.join(dir, 'early'));
    await expect(open).rejects.toBeInstanceOf(DeskError);
    await expect(open).rejects.toThrow(/还没有关闭.*is open/);

    const closed = await closeBatch(ctx, batchId);
    expect(closed.report.ok).toBe(true);
    const carrier = path.join(dir, 'carrier');
    const outcome = await writeCarrier(ctx, batchId, carrier);
    expect(outcome).toMatchObject({ profile: 'da-t-93', items: 2 });

    // The fixity list names every other file on the carrier, and each one's SM3 (checked by a
    // separate SM3 implementation) and SHA-256 are those of the bytes on the carrier.
    const onDisk = await filesUnder(carrier);
    const listed = (await readFile(path.join(carrier, PROFILE.fixityFile), 'utf8')).split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => {
      const [sm3Hex, sha256, size, ...rest] = l.split('  ');
      return { sm3: sm3Hex!, sha256: sha256!, size: Number(size), path: rest.join('  ') };
    });
    expect(listed.map((f) => f.path).concat(PROFILE.fixityFile).sort()).toEqual(onDisk);
    expect(outcome.files).toBe(onDisk.length);
    for (const f of listed) {
      const bytes = await readFile(path.join(carrier, f.path));
      expect(sm3(new Uint8Array(bytes)), f.path).toBe(f.sm3);
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.size);
    }

    // The layout is the profile's: one folder per 档号 under its year and class, its OFD and originals inside.
    const expected: string[] = [PROFILE.descriptionFile, PROFILE.catalogueFile, PROFILE.fixityFile];
    const fill = (t: string, code: string) => {
      const [, year, classCode] = /^[A-Z0-9]+-[A-Z]+·(\d{4})-[A-Z0-9]+-([A-Z0-9]+)-\d+$/.exec(code)!;
      return t.replace('{档号}', code).replace('{年度}', year!).replace('{分类号}', classCode!);
    };
    // Each 件 was captured from two imported files (page-000 and -001, page-002 and -003).
    codes.forEach((code, i) => {
      const originals = `${PROFILE.itemFolder.map((t) => fill(t, code)).join('/')}/${PROFILE.originalsFolder}`;
      expected.push(
        `${PROFILE.itemFolder.map((t) => fill(t, code)).join('/')}/${fill(PROFILE.ofdFile, code)}`,
        `${originals}/0001-page-00${2 * i}.png`,
        `${originals}/0002-page-00${2 * i + 1}.png`,
      );
    });
    expect(onDisk).toEqual(expected.sort());
    expect(onDisk).toContain(`电子档案/2025/TQ/${codes[0]}/${codes[0]}.ofd`);
    expect(onDisk).toContain(`电子档案/2024/GJ/${codes[1]}/${codes[1]}.ofd`);

    // Each OFD is a sound package carrying its pages' text; the originals are the imported files byte for byte.
    for (const code of codes) {
      const folder = PROFILE.itemFolder.map((t) => fill(t, code)).join('/');
      const ofd = checkOfd(path.join(carrier, folder, fill(PROFILE.ofdFile, code)));
      expect(ofd.problems).toEqual([]);
      expect(ofd.pages).toHaveLength(2);
      expect(ofd.pages.flat().join('')).toContain('住房公积金提取申请表');
    }
    const original = await readFile(path.join(carrier, expected.find((f) => f.endsWith('0001-page-000.png'))!));
    expect(original.equals(await readFile(path.join(dir, 'page-000.png')))).toBe(true);

    // The catalogue parses, lists each 件 once with its OFD, and its fixity agrees with the list.
    const catalogue = parseCatalogue(path.join(carrier, PROFILE.catalogueFile));
    expect(catalogue.map((c) => c.code)).toEqual([...codes].sort());
    const sm3Of = new Map(listed.map((f) => [f.path, f.sm3]));
    for (const entry of catalogue) {
      expect(entry.name).toMatch(new RegExp(`/${entry.code}\\.ofd$`));
      expect(entry.files.map((f) => f.path)).toContain(entry.name);
      for (const f of entry.files) expect(f.sm3).toBe(sm3Of.get(f.path));
    }

    const description = await readFile(path.join(carrier, PROFILE.descriptionFile), 'utf8');
    expect(description).toContain('件数 / items: 2');
    expect(description).toContain('电子文件数 / files: 6');
    expect(description).toMatch(/SM3.*SHA-256/);
    expect(description).toMatch(/四性检测.*通过 passed/);
    expect(description).toContain(PROFILE.fixityFile);

    // Another archive's layout is data: the same writer, a different profile.
    const variant = CarrierProfile.parse({
      name: 'province-x', title: '某省档案馆', descriptionFile: 'README.TXT', catalogueFile: 'meta/catalogue.xml', fixityFile: 'SM3.TXT',
      itemFolder: ['records', '{全宗号}', '{年度}-{保管期限}', '{档号}'], ofdFile: '{档号}-正文.ofd', originalsFolder: 'scans',
    });
    const province = path.join(dir, 'province');
    await writeCarrier(ctx, batchId, province, variant);
    const provinceFiles = await filesUnder(province);
    expect(provinceFiles).toContain(`records/J017/2025-D30/${codes[0]}/${codes[0]}-正文.ofd`);
    expect(provinceFiles).toContain(`records/J017/2025-D30/${codes[0]}/scans/0001-page-000.png`);
    expect(provinceFiles).toEqual(expect.arrayContaining(['README.TXT', 'meta/catalogue.xml', 'SM3.TXT']));
    expect(provinceFiles).toHaveLength(onDisk.length);
    expect(CarrierProfile.safeParse({ ...variant, ofdFile: '{案卷号}.ofd' }).success).toBe(false);
    expect(CarrierProfile.safeParse({ ...variant, itemFolder: ['..', '{档号}'] }).success).toBe(false);

    // The same carrier from the command line, as an archivist writes it to a disk.
    await ctx.close();
    store = undefined;
    const data = path.join(dir, 'data');
    const again = path.join(dir, 'carrier-cli');
    const cli = await runCli(['export', batchId, '--carrier', again, '--data', data, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(json(cli)).toMatchObject({ profile: 'da-t-93', items: 2, files: onDisk.length });
    expect(await filesUnder(again)).toEqual(onDisk);
    const unknown = await runCli(['export', batchId, '--carrier', path.join(dir, 'x'), '--profile', 'nowhere', '--data', data, '--json']);
    expect(unknown.code).toBe(1);
    expect(json(unknown)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('hpf-desk export --carrier refuses an open batch with a clear message and writes nothing', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    const [file] = await writeSmallPages(dir, 1);
    const data = path.join(dir, 'data');
    const imported = await runCli(['import', file!, '--batch', '柜台 open', '--data', data, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const carrier = path.join(dir, 'carrier');
    const run = await runCli(['export', '柜台 open', '--carrier', carrier, '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/还没有关闭.*close it/);
    await expect(readdir(carrier)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
