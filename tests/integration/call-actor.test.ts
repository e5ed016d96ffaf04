import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/open-core';
import { addUser } from '../../electron/core/auth/user-store';
import { signedInCaller, TEST_ADMIN } from '../helpers/desk-session';
import { readStoreDb, writeStoreDb } from '../helpers/store-db';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('who a call is recorded as', () => {
  it('each signed-in caller, not the station\'s OS user, in the events their calls write, two callers interleaved', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const core = await openCore({ dataDir, actor: 'os-user', workers: 1, backgroundOcr: false });
    try {
      const admin = await signedInCaller(core);
      const db = await writeStoreDb(dataDir);
      try {
        await addUser(db, TEST_ADMIN.name, { name: 'clerk-li', role: 'clerk', password: '135790' });
      } finally {
        db.close();
      }
      const clerk = await signedInCaller(core, { name: 'clerk-li', password: '135790' });
      // Both in flight at once: each call's actor is its own, whatever the other does meanwhile.
      const [a, c] = await Promise.all([
        admin.call<{ id: string }>('batches.create', { name: '管理员批次', kind: 'counter', business: null }),
        clerk.call<{ id: string }>('batches.create', { name: '柜员批次', kind: 'counter', business: null }),
      ]);
      const read = await readStoreDb(dataDir);
      try {
        const actorOf = (id: string) => read.prepare("SELECT actor FROM events WHERE kind = 'batch.created' AND subject = ?").pluck().get(id);
        expect(actorOf(a.id)).toBe(TEST_ADMIN.name);
        expect(actorOf(c.id)).toBe('clerk-li');
      } finally {
        read.close();
      }
    } finally {
      await core.close();
    }
  });
});
