import { describe, expect, it } from 'vitest';
import type { BatchRecords, PageRecord } from '../../electron/core/transfer/batch-records';
import { runStoreChecks, type CheckInput } from '../../electron/core/transfer/four-checks';
import type { ObjectFacts } from '../../electron/core/transfer/object-facts';

const hex = (c: string) => c.repeat(64);
/** The SM3 the fixtures record for an object named by `sha`. */
const sm3Of = (sha: string) => `e${sha.slice(1)}`;
const image = (sha: string) => ({ sha256: sha, sm3: sm3Of(sha), size: 100, mime: 'image/jpeg', width: 10, height: 20, steps: [] });
const facts = (size: number, mime: string | null, image?: { width: number; height: number }, pdfEncrypted = false, sha?: string, sm3?: string): ObjectFacts => ({
  digest: { size, sha256: sha ?? '', sha512: '', sm3: sm3 ?? sm3Of(sha ?? ''), head: Buffer.alloc(0) },
  sniffedMime: mime,
  image: image ? { ...image, channels: 3 } : null,
  pdfEncrypted,
});

function page(seq: number, over: Partial<PageRecord> = {}): PageRecord {
  return {
    id: `P${seq}`, seq, documentId: 'D1', sourceFileId: 'F1', pageIndex: seq - 1, width: 10, height: 20, dpi: 300, flags: {},
    createdAt: 't', image: image(hex('b')), thumbnail: image(hex('c')), ...over,
  };
}

function input(over: { pages?: PageRecord[]; events?: BatchRecords['events']; facts?: CheckInput['facts']; sourceMime?: string } = {}): CheckInput {
  const pages = over.pages ?? [page(1), page(2)];
  const records: BatchRecords = {
    batch: { id: 'B1', name: '批次', kind: 'counter', business: null, state: 'open', createdAt: 't', pageCount: pages.length, fileCount: 1, rejectedCount: 0 },
    station: { id: 'S1', name: '网点', fonds: 'J017' },
    sources: [{ id: 'F1', name: 'scan.pdf', pageCount: pages.length, importedAt: 't', sha256: hex('a'), sm3: sm3Of(hex('a')), size: 500, mime: over.sourceMime ?? 'application/pdf' }],
    pages,
    documents: [{ id: 'D1', batchId: 'B1', itemId: null, material: null, title: 'scan.pdf', pageIds: pages.map((p) => p.id), createdAt: 't' }],
    items: [],
    events: over.events ?? [
      { id: 1, at: 't', actor: 'clerk', kind: 'batch.created', subject: 'B1', data: '{}', prevHash: '', hash: '' },
      { id: 2, at: 't', actor: 'clerk', kind: 'file.imported', subject: 'F1', data: JSON.stringify({ sha256: hex('a') }), prevHash: '', hash: '' },
    ],
  };
  return {
    records,
    facts: over.facts ?? new Map([
      [hex('a'), facts(500, 'application/pdf', undefined, false, hex('a'))],
      [hex('b'), facts(100, 'image/jpeg', { width: 10, height: 20 }, false, hex('b'))],
      [hex('c'), facts(100, 'image/jpeg', { width: 10, height: 20 }, false, hex('c'))],
    ]),
    operator: 'clerk',
    at: 't',
    metadataJson: '{}',
    metadataXml: '<a/>',
    brokenEvents: [],
  };
}

const failing = (i: CheckInput) => runStoreChecks(i).filter((c) => !c.ok).map((c) => c.id);

describe('四性检测 on the store (DA/T 70)', () => {
  it('passes a consistent batch in all four aspects (metadata aside, which this fixture leaves empty)', () => {
    expect(failing(input())).toEqual(['usability.metadata']);
  });

  it('names gaps in the page sequence, missing derivatives and a missing object', () => {
    expect(failing(input({ pages: [page(1), page(3, { pageIndex: 1 })] }))).toContain('integrity.sequence');
    // Said by the page's place and number, never by its internal id (P3 here).
    const sequence = runStoreChecks(input({ pages: [page(1), page(3, { pageIndex: 1 })] })).find((c) => c.id === 'integrity.sequence')!;
    expect(sequence.findings).toEqual([{ code: 'page-seq', figures: { position: 2, seq: 3 } }]);
    expect(sequence.subjects).toEqual(['the page in position 2 is numbered 3']);
    expect(sequence.message).toBe('1 个页序号不连续 / 1 page numbers break the sequence');
    expect(failing(input({ pages: [page(1), page(2, { thumbnail: null })] }))).toContain('integrity.counts');
    const missing = input();
    (missing.facts as Map<string, ObjectFacts | null>).set(hex('c'), null);
    expect(failing(missing)).toContain('integrity.files-present');
  });

  it('catches altered bytes, a format that is not what was recorded, and encrypted PDFs', () => {
    const altered = input({ facts: new Map([
      [hex('a'), facts(500, 'application/pdf', undefined, true, hex('d'))],
      [hex('b'), facts(100, 'image/png', { width: 10, height: 20 }, false, hex('b'))],
      [hex('c'), facts(100, 'image/jpeg', { width: 11, height: 20 }, false, hex('c'))],
    ]) });
    expect(failing(altered)).toEqual(expect.arrayContaining([
      'authenticity.content-hash', 'authenticity.file-properties', 'usability.no-encryption',
    ]));
  });

  it('catches bytes whose SM3 no longer matches the one recorded at capture, as the SM3 check', () => {
    const sm3Altered = input({ facts: new Map([
      [hex('a'), facts(500, 'application/pdf', undefined, false, hex('a'), hex('f'))],
      [hex('b'), facts(100, 'image/jpeg', { width: 10, height: 20 }, false, hex('b'))],
      [hex('c'), facts(100, 'image/jpeg', { width: 10, height: 20 }, false, hex('c'))],
    ]) });
    expect(failing(sm3Altered)).toEqual(['authenticity.content-sm3', 'usability.metadata']);
    expect(runStoreChecks(sm3Altered).find((c) => c.id === 'authenticity.content-sm3')?.subjects).toEqual(['original scan.pdf']);
    // An object stored before SM3 was recorded is proved by its SHA-256 alone.
    const unrecorded = input({ pages: [page(1, { image: { ...image(hex('d')), sm3: null } }), page(2)] });
    (unrecorded.facts as Map<string, ObjectFacts | null>).set(hex('d'), facts(100, 'image/jpeg', { width: 10, height: 20 }, false, hex('d'), hex('9')));
    expect(failing(unrecorded)).toEqual(['usability.metadata']);
  });

  it('requires the process log: batch creation, an import event per original, a broken chain fails', () => {
    expect(failing(input({ events: [] }))).toContain('security.process-log');
    expect(failing({ ...input(), brokenEvents: [7] })).toContain('security.audit-chain');
  });
});
