import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../electron/core/files/blob-store';
import { objectKeys } from '../../electron/core/files/object-cipher';
import { stationKeyOf } from '../../electron/core/audit/event-log';
import { importPaths } from '../../electron/core/import/import-paths';
import { MediaPool } from '../../electron/core/media/media-pool';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { defaultKekSources } from '../../electron/core/store/keys/default-sources';
import { openDatabase, type Db } from '../../electron/core/store/open-database';
import { openStore } from '../../electron/core/store/open-store';
import { createBatch } from '../../electron/core/store/repo/batches';
import { insertResult } from '../../electron/core/store/repo/ocr-results';
import { ensureStation } from '../../electron/core/store/repo/station';
import { writeFixtureSet } from '../fixtures/make-files';
import { FIXTURES, fixturePeople, needlesFor, scan } from '../helpers/at-rest-scan';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const pool = new MediaPool({ size: 1 });
afterAll(() => pool.close());

function stationKeyNeedles(db: Db): Map<string, Buffer> {
  const privateKey = stationKeyOf(db)?.keys.privateKey;
  if (!privateKey) throw new Error('the store has no station key');
  return new Map([
    ['station private key base64', Buffer.from(privateKey, 'latin1')],
    ['station private key der', Buffer.from(privateKey, 'base64')],
  ]);
}

/**
 * One filling for both kinds of store: the fixture pages and a JPEG, PNG, TIFF and PDF imported
 * (originals, page images, thumbnails), and every fixture document's text stored as its OCR result
 * with the metadata keyed from it (names, ID and bank card numbers in the database).
 */
async function fill(db: Db, blobs: BlobStore, root: string): Promise<void> {
  ensureStation(db, { name: '扫描测试网点', fonds: 'J017' });
  await blobs.init();
  const people = await fixturePeople();
  await mkdir(path.join(root, 'in'), { recursive: true });
  const set = await writeFixtureSet(path.join(root, 'in'));
  const batch = createBatch(db, 'clerk', { name: '柜台', kind: 'counter', business: null });
  const files = [...['id-card-04', 'loan-contract-04', 'withdrawal-03'].map((p) => path.join(FIXTURES, 'ocr', `${p}.jpg`)), set.good.png, set.good.tiff3, set.good.pdf2];
  const result = await importPaths({ db, pool, blobs, actor: 'clerk', emit: () => undefined }, batch.id, files);
  expect(result.rejected).toEqual([]);
  const images = db.prepare("SELECT d.sha256 FROM derivatives d JOIN pages p ON p.id = d.page_id WHERE p.batch_id = ? AND d.kind = 'image' ORDER BY p.seq").pluck().all(batch.id) as string[];
  expect(images.length).toBeGreaterThan(5);
  people.forEach((p, i) => {
    insertResult(db, {
      key: createHash('sha256').update(`${i} ${p.page}`).digest('hex'),
      imageSha256: images[i % images.length]!,
      engine: 'ppocr',
      model: 'fixture',
      settings: {},
      seconds: 1,
      result: { text: p.text, confidence: 0.9, angle: 0, width: 100, height: 100, lines: [] },
    });
  });
  expect(db.prepare('SELECT count(*) FROM ocr_results').pluck().get()).toBe(people.length);
}

describe('nothing readable at rest', () => {
  it('an encrypted store shows no name, ID or card number (UTF-8 or UTF-16) and no image or PDF signature in any byte under its data folder', async () => {
    const root = await tempDir();
    const dataDir = path.join(root, 'data');
    const { db, dataKey } = await openStore(dataDir, defaultKekSources());
    const blobs = new BlobStore(dataDir, objectKeys(dataKey));
    // The station's signing key (it seals every bag and keys the audit chain): base64 as a clear file held it, and its DER bytes.
    const needles = new Map([...needlesFor(await fixturePeople()), ...stationKeyNeedles(db)]);
    try {
      await fill(db, blobs, root);
      // While open: the WAL and the temp folder are there too.
      expect([...(await scan(dataDir, needles))]).toEqual([]);
    } finally {
      db.close();
      await blobs.dispose();
    }
    expect([...(await scan(dataDir, needles))]).toEqual([]);
  }, 180_000);

  it('the same scan on a plaintext store (as an earlier version kept it) finds them: the scan can fail', async () => {
    const root = await tempDir();
    const dataDir = path.join(root, 'data');
    const people = await fixturePeople();
    await mkdir(dataDir, { recursive: true });
    const db = openDatabase(path.join(dataDir, DATABASE_FILE), { key: null });
    const blobs = new BlobStore(dataDir, null);
    try {
      await fill(db, blobs, root);
      const found = await scan(dataDir, new Map([...needlesFor(people), ...stationKeyNeedles(db)]));
      expect(found).toContain('station private key base64');
      for (const p of people) {
        expect(found).toContain(`${p.page} name utf8`);
        expect(found).toContain(`${p.page} id utf8`);
        if (p.bank_card) expect(found).toContain(`${p.page} card utf8`);
      }
      // The fixture scans are Exif JPEGs; the rest are the imported PNG, TIFF and PDF.
      for (const format of ['jpegExif', 'png', 'tiffLe', 'pdf']) expect(found).toContain(`magic ${format}`);
    } finally {
      db.close();
      await blobs.dispose();
    }
  }, 180_000);
});
