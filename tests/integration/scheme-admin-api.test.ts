import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult, ChecklistCheck, ResponseOf } from '../../shared/contract';
import type { SchemeBody } from '../../shared/filing/scheme';
import { applySchemeEdits } from '../../shared/filing/scheme-edit';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

describe('scheme admin through the API, as the F9 screen saves', () => {
  it('stores the edited scheme as the next version with who and why, and the new checklist applies from its date', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), actor: 'admin-1', workers: 1, backgroundOcr: false });
    cores.push(core);
    const { raw, call } = await signedInCaller(core, { name: 'admin-1', password: '246800' });

    const current = await call<{ version: number; body: SchemeBody }>('scheme.get', {});
    const edited = applySchemeEdits(
      current.body,
      [
        { kind: 'add-checklist', business: 'TQ-ZF', version: '2025版', versionEn: '2025 edition', effectiveFrom: '2025-03-01', basis: '示例〔2025〕7号' },
        { kind: 'add-material', business: 'TQ-ZF', version: '2025版', material: 'HKB', rule: 'required' },
        { kind: 'business-retention', business: 'TQ-ZF', retention: 'D10' },
      ],
      '2026-12-01',
    );
    if (!edited.ok) throw new Error(edited.problem.code);

    // A reason is required; a scheme the schema refuses is refused whole, with the problem named.
    expect(await raw('scheme.save', { body: edited.body, reason: ' ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const broken = { ...edited.body, classes: edited.body.classes.filter((c) => c.code !== 'WS') };
    expect(await raw('scheme.save', { body: broken, reason: '误删门类' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/unknown class WS/) } });

    expect(await call('scheme.save', { body: edited.body, reason: '租房提取须提供户口簿' })).toEqual({ version: current.version + 1 });
    const versions = await call<ResponseOf<'scheme.versions'>>('scheme.versions', {});
    expect(versions.at(-1)).toMatchObject({ version: current.version + 1, actor: 'admin-1', reason: '租房提取须提供户口簿', createdAt: expect.any(String) });
    expect((await call<ResponseOf<'business.types'>>('business.types', {})).find((b) => b.code === 'TQ-ZF')).toMatchObject({ retention: 'D10', checklists: [{ version: '2000版' }, { version: '2025版', versionEn: '2025 edition', effectiveFrom: '2025-03-01' }] });

    const batch = await call<{ id: string }>('batches.create', { name: '柜台' });
    const fields = { 姓名: '李四', 证件号码: '110101199003074573', 金额: '3000' };
    const after = await call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-03-01', fields });
    const before = await call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-28', fields });
    const afterCheck = await call<ChecklistCheck>('items.check', { id: after.id });
    expect(afterCheck).toMatchObject({ version: '2025版', versionEn: '2025 edition', effectiveFrom: '2025-03-01' });
    expect(afterCheck.missing).toContain('HKB');
    const beforeCheck = await call<ChecklistCheck>('items.check', { id: before.id });
    expect(beforeCheck.version).toBe('2000版');
    expect(beforeCheck.lines.map((l) => l.material)).not.toContain('HKB');
  });
});
