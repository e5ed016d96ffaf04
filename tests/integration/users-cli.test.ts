import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/open-core';
import { openFilingStore } from '../helpers/filing-store';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const ID = '110101199003074573';

describe('users from the command line', () => {
  it('sets up the administrator, manages users, and acts as --user with its role; show --reveal is forbidden to a clerk and audited for others', async () => {
    const root = await tempDir();
    // A store with one item from before users existed: its scripts ran as the OS user.
    const store = await openFilingStore(root, 1);
    const { item } = store.filing.createItem({ batchId: store.batchId, business: 'TQ-ZF', businessDate: '2025-01-02', fields: { 姓名: '赵六', 证件号码: ID, 金额: '1000' } });
    const data = store.ctx.dataDir;
    await store.ctx.close();
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...args, '--data', data, '--json'], { env: { HPF_DESK_USER: '', HPF_DESK_PASSWORD: undefined, HPF_DESK_NEW_PASSWORD: undefined, ...env } });
    const asAdmin = { HPF_DESK_USER: 'chief', HPF_DESK_PASSWORD: 'chief-pw' };

    const init = await cli(['init', '--admin', 'chief'], { HPF_DESK_NEW_PASSWORD: 'chief-pw' });
    expect(init.code, init.stderr).toBe(0);
    expect(json(init)).toMatchObject({ users: 1 });

    // From now on a command must say who runs it, and prove it.
    const anonymous = await cli(['list', 'batches']);
    expect(anonymous.code).toBe(1);
    expect(json(anonymous)).toMatchObject({ error: { code: 'unauthenticated' } });

    expect((await cli(['user', 'add', '柜员甲', '--role', 'clerk'], { ...asAdmin, HPF_DESK_NEW_PASSWORD: '135790' })).code).toBe(0);
    expect((await cli(['user', 'add', 'qc-1', '--role', 'qc'], { ...asAdmin, HPF_DESK_NEW_PASSWORD: 'qc-pw-1' })).code).toBe(0);
    const asClerk = { HPF_DESK_USER: '柜员甲', HPF_DESK_PASSWORD: '135790' };

    // The clerk sees the item masked, may not see it in full, and may not manage users.
    const shown = json<{ fields: Record<string, string> }>(await cli(['show', item.id], asClerk));
    expect(shown.fields['证件号码']).toBe('1101**********4573');
    const refused = await cli(['show', item.id, '--reveal'], asClerk);
    expect(refused.code).toBe(1);
    expect(json(refused)).toMatchObject({ error: { code: 'forbidden', details: { permission: 'pii.reveal' } } });
    expect(refused.stdout).not.toContain(ID);
    expect(json(await cli(['user', 'disable', 'qc-1'], asClerk))).toMatchObject({ error: { code: 'forbidden' } });
    // Nor write the transfer bag, which holds the metadata in full.
    expect(json(await cli(['export', '柜台', '--bag', path.join(root, 'bag')], asClerk))).toMatchObject({ error: { code: 'forbidden', details: { permission: 'pii.reveal' } } });

    // The QC inspector may; the view is audited under that name.
    const full = json<{ fields: Record<string, string> }>(await cli(['show', item.id, '--reveal'], { HPF_DESK_USER: 'qc-1', HPF_DESK_PASSWORD: 'qc-pw-1' }));
    expect(full.fields['证件号码']).toBe(ID);

    // Disabled, the clerk is refused.
    expect(json(await cli(['user', 'disable', '柜员甲'], asAdmin))).toMatchObject({ name: '柜员甲', disabled: true });
    expect(json(await cli(['list', 'batches'], asClerk))).toMatchObject({ error: { code: 'unauthenticated', message: expect.stringContaining('disabled') } });
    const users = json<Array<{ name: string; role: string; disabled: boolean }>>(await cli(['user', 'list'], asAdmin));
    expect(users.map((u) => [u.name, u.role, u.disabled])).toEqual([['chief', 'admin', false], ['qc-1', 'qc', false], ['柜员甲', 'clerk', true]]);
    expect(JSON.stringify(users)).not.toContain('scrypt');

    const db = new Database(path.join(data, DATABASE_FILE), { readonly: true });
    try {
      const viewed = db.prepare("SELECT actor, subject FROM events WHERE kind = 'pii.viewed' ORDER BY id").all();
      expect(viewed).toEqual([{ actor: 'qc-1', subject: item.id }]);
      expect(db.prepare("SELECT actor FROM events WHERE kind = 'user.added' ORDER BY id").pluck().all()).toEqual([expect.any(String), 'chief', 'chief']);
    } finally {
      db.close();
    }
  }, 600_000);
});
