import { describe, expect, it } from 'vitest';
import {
  bagInfoText,
  encodeManifestPath,
  manifestText,
  parseBagInfo,
  parseManifest,
  payloadOxum,
  safeBagName,
} from '../../electron/core/transfer/bag-text';
import { renderMetadataXml, xmlProblem } from '../../electron/core/transfer/metadata-xml';
import type { BagMetadata } from '../../electron/core/transfer/bag-metadata';

describe('BagIt tag files (RFC 8493)', () => {
  it('percent-encodes CR, LF and % in manifest paths and reads them back', () => {
    expect(encodeManifestPath('data/a%b\r\nc.txt')).toBe('data/a%25b%0D%0Ac.txt');
    const text = manifestText([
      { path: 'data/z.jpg', digest: 'bb' },
      { path: 'data/申请表 (1)%.jpg', digest: 'aa' },
    ]);
    // Sorted by path (code units), so a bag's manifest bytes never depend on the order files came in.
    expect(text).toBe('bb  data/z.jpg\naa  data/申请表 (1)%25.jpg\n');
    expect(parseManifest(text)).toEqual(new Map([['data/z.jpg', 'bb'], ['data/申请表 (1)%.jpg', 'aa']]));
    expect(parseManifest('aa  data/x\naa  data/x\n')).toBeNull();
    expect(parseManifest('not a line\n')).toBeNull();
  });

  it('writes bag-info one field a line, refuses bad labels, and reads it back', () => {
    const text = bagInfoText([['Source-Organization', '某市住房公积金管理中心'], ['Internal-Sender-Identifier', 'two\nlines'], ['Payload-Oxum', payloadOxum(1234, 5)]]);
    expect(text).toBe('Source-Organization: 某市住房公积金管理中心\nInternal-Sender-Identifier: two lines\nPayload-Oxum: 1234.5\n');
    expect(parseBagInfo(text).get('Payload-Oxum')).toBe('1234.5');
    expect(() => bagInfoText([['Bad Label', 'x']])).toThrow(/label/);
  });

  it('makes names safe on every disk and as object keys, keeping the extension of long names', () => {
    expect(safeBagName('a/b\\c:d*e?f"g<h>i|j.pdf')).toBe('a_b_c_d_e_f_g_h_i_j.pdf');
    expect(safeBagName('..hidden')).toBe('hidden');
    expect(safeBagName('')).toBe('file');
    expect(safeBagName('e\u0301.jpg')).toBe('\u00e9.jpg');
    const long = safeBagName(`${'长'.repeat(300)}.tiff`, 20);
    expect([...long]).toHaveLength(20);
    expect(long.endsWith('.tiff')).toBe(true);
  });
});

describe('metadata.xml (DA/T 46 rendering)', () => {
  const metadata: BagMetadata = {
    format: 'hpf-desk/batch-metadata',
    version: 1,
    batch: { id: 'B1', name: '提取 <A&B> "1"', kind: 'counter', business: null, createdAt: 't', pageCount: 1, fileCount: 1 },
    station: { id: 'S1', name: '网点', fonds: 'J017' },
    operator: '张三',
    archival: { 全宗号: 'J017' },
    items: [{ id: 'I1', business: 'TQ', state: 'filed', createdAt: 't', archival: { 档号: 'J017-GJJ·2025-D30-TQ-0042' }, businessFields: { 证件号码: '110101199003074514', 自定义: 'x&y' }, documentIds: ['D1'] }],
    documents: [{ id: 'D1', itemId: 'I1', material: '身份证', title: 'id.jpg', createdAt: 't', pageIds: ['P1'] }],
    originals: [{ id: 'F1', path: 'data/originals/0001-id.jpg', name: 'id.jpg', sha256: 'a'.repeat(64), size: 1, mime: 'image/jpeg', pageCount: 1, importedAt: 't' }],
    pages: [{
      id: 'P1', seq: 1, documentId: 'D1', source: { originalId: 'F1', path: 'data/originals/0001-id.jpg', pageIndex: 0 },
      width: 10, height: 10, dpi: 300, flags: {},
      image: { path: 'data/images/x-0001.jpg', sha256: 'b'.repeat(64), size: 1, mime: 'image/jpeg', width: 10, height: 10 },
      thumbnail: { path: 'data/thumbnails/x-0001.jpg', sha256: 'c'.repeat(64), size: 1, mime: 'image/jpeg', width: 5, height: 5 },
      ocr: null, digitization: { 扫描分辨率: '300' }, steps: [{ op: 'deskew', angle: 1.5 }],
    }],
  };

  it('escapes text and attributes, keeps every known element in order, and is well-formed', () => {
    const xml = renderMetadataXml(metadata);
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toContain('名称="提取 &lt;A&amp;B&gt; &quot;1&quot;"');
    expect(xml).toContain('<档号>J017-GJJ·2025-D30-TQ-0042</档号>');
    expect(xml).toContain('<字段 名称="自定义">x&amp;y</字段>');
    expect(xml).toContain('<步骤 序号="1" 操作="deskew" 参数="{&quot;angle&quot;:1.5}"/>');
  });

  it('finds what a parser would choke on', () => {
    expect(xmlProblem('<a><b></a>')).toMatch(/does not close/);
    expect(xmlProblem('<a>x & y</a>')).toMatch(/unescaped/);
    expect(xmlProblem('<a>1 < 2</a>')).toMatch(/stray/);
    expect(xmlProblem('<a/><b/>')).toMatch(/more than one root/);
    expect(xmlProblem('<a>')).toMatch(/not closed/);
    expect(xmlProblem('<?xml version="1.0"?>\n<a b="&#10;">&amp;</a>\n')).toBeNull();
  });
});
