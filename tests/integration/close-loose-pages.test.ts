import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('closing a batch with pages that belong to no item', () => {
  it('refuses a counter batch with the pages listed, and closes a backfile batch only by an audited reason', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    cores.push(core);
    const { raw, call } = await signedInCaller(core);
    const files = await writeSmallPages(dir, 3);

    const counter = await call<{ id: string }>('batches.create', { name: '柜台 散页', kind: 'counter' });
    await call('import.paths', { batchId: counter.id, paths: files.slice(0, 2) });
    const refused = await raw('batches.close', { id: counter.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('第 1、2 页还不属于任何件'), details: { loose: [{ seq: 1 }, { seq: 2 }] } } });
    // A reason does not help at the counter: every page there is a customer's paper.
    expect(await raw('batches.close', { id: counter.id, looseReason: '不要了' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call<Array<{ id: string; state: string }>>('batches.list', {})).find((b) => b.id === counter.id)?.state).toBe('open');

    const backfile = await call<{ id: string }>('batches.create', { name: '存量 第3盒', kind: 'backfile' });
    await call('import.paths', { batchId: backfile.id, paths: files.slice(2) });
    expect(await raw('batches.close', { id: backfile.id })).toMatchObject({ ok: false, error: { code: 'conflict', details: { decisionAllowed: true } } });
    const closed = await call<{ state: string }>('batches.close', { id: backfile.id, looseReason: '封皮页，按原样移交' });
    expect(closed.state).toBe('queued');
    const db = new Database(path.join(dir, 'data', DATABASE_FILE), { readonly: true });
    try {
      const events = db.prepare("SELECT subject, data FROM events WHERE kind = 'batch.loose-accepted'").all() as Array<{ subject: string; data: string }>;
      expect(events).toHaveLength(1);
      expect(events[0]!.subject).toBe(backfile.id);
      expect(JSON.parse(events[0]!.data)).toMatchObject({ reason: '封皮页，按原样移交', pages: [expect.any(String)] });
    } finally {
      db.close();
    }
  });
});
