import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStation, runSteps, steps, writeContents } from '../../electron/core/bench/lifecycle/lifecycle-model';
import { MediaPool } from '../../electron/core/media/media-pool';
import { restorePages, trashPages } from '../../electron/core/pages/page-ops';
import { rotatePage } from '../../electron/core/pages/rotate-page';
import { environmentCredentials } from '../../electron/core/sync/credentials';
import { configureSync } from '../../electron/core/sync/sync-configuration';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('audit completeness (issue 11, item 9)', () => {
  it('rotation, trash and restore of pages travel in their batch bag, under the page ids', async () => {
    const root = await tempDir();
    const pool = new MediaPool({ size: 1 });
    const s = await openStation(root, pool, await writeContents(path.join(root, 'in')), null);
    try {
      await runSteps(fc, s, [steps.import(0, null), steps.import(1, 0)]);
      const [first, second] = s.db.prepare('SELECT id FROM pages ORDER BY seq').pluck().all() as string[];
      await rotatePage(s.db, s.blobs, s.actor, first!, 90);
      trashPages(s.db, s.actor, [second!], '重复扫描');
      restorePages(s.db, s.actor, [second!]);
      const batchId = s.db.prepare('SELECT id FROM batches').pluck().get() as string;
      await runSteps(fc, s, [steps.handOver(0)]);
      const log = (await readFile(path.join(s.folder, 'bags', batchId, 'data/metadata/audit-log.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; subject: string });
      expect(log).toContainEqual(expect.objectContaining({ kind: 'page.rotated', subject: first }));
      expect(log).toContainEqual(expect.objectContaining({ kind: 'pages.trashed', subject: second }));
      expect(log).toContainEqual(expect.objectContaining({ kind: 'pages.restored', subject: second }));
    } finally {
      await s.close();
      await pool.close();
    }
  });

  it('sync.configure writes an event with the target and the policy, never the keys', async () => {
    const root = await tempDir();
    const pool = new MediaPool({ size: 1 });
    const s = await openStation(root, pool, [], null);
    try {
      const uri = pathToFileURL(path.join(root, 'usb')).href;
      await configureSync(
        { db: s.db, actor: 'admin', credentials: environmentCredentials() },
        { name: 'usb', uri, endpoint: null, region: null, pathStyle: true, bandwidth: 1024, retainDays: 30, credentials: null, clearCredentials: false },
      );
      const events = s.db.prepare("SELECT actor, subject, data FROM events WHERE kind = 'sync.configured'").all() as Array<{ actor: string; subject: string; data: string }>;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: 'admin', subject: 'usb' });
      expect(JSON.parse(events[0]!.data)).toEqual({ uri: expect.stringContaining('usb'), bandwidth: 1024, retainDays: 30, keys: 'kept' });
    } finally {
      await s.close();
      await pool.close();
    }
  });
});
