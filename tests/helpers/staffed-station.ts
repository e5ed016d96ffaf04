import path from 'node:path';
import { afterEach } from 'vitest';
import type { Core } from '../../electron/core/core-api';
import { addUser } from '../../electron/core/auth/user-store';
import type { Role } from '../../shared/auth/permissions';
import { openCore } from '../../electron/core/open-core';
import type { Db } from '../../electron/core/store/open-database';
import { writeStoreDb } from './store-db';
import { signedInCaller, TEST_ADMIN } from './desk-session';
import { useTempDirs } from './temp-dir';

/** The staff of a test station besides its administrator, as the access tests sign them in. */
export const CLERK = { name: '王柜员', password: '135790' } as const;
export const ARCHIVIST = { name: 'archivist-1', password: 'arch-pass' } as const;

type Staff = Array<{ name: string; password: string; role: Role }>;

/**
 * A station as the access tests need it: a core opened on a fresh data folder, its administrator
 * signed in, a second connection to the same store (as `hpf-desk user add` writes beside the app)
 * that added the given staff, and the clerk signed in. Everything is closed after the test.
 */
export function useStaffedStations(): (staff?: Staff) => Promise<{
  dir: string; core: Core; db: Db;
  admin: Awaited<ReturnType<typeof signedInCaller>>; clerk: Awaited<ReturnType<typeof signedInCaller>>;
}> {
  const tempDir = useTempDirs();
  const open: Array<Core | Db> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) 'dispatch' in o ? await o.close() : o.close();
  });
  return async (staff = [{ ...CLERK, role: 'clerk' }, { ...ARCHIVIST, role: 'archivist' }]) => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    open.push(core);
    const admin = await signedInCaller(core);
    const db = await writeStoreDb(path.join(dir, 'data'));
    open.push(db);
    for (const user of staff) await addUser(db, TEST_ADMIN.name, user);
    const clerkUser = staff.find((u) => u.role === 'clerk');
    const clerk = clerkUser ? await signedInCaller(core, clerkUser) : admin;
    return { dir, core, db, admin, clerk };
  };
}
