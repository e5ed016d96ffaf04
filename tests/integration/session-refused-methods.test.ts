import { describe, expect, it } from 'vitest';
import { methods, type MethodName, type SessionState } from '../../shared/contract';
import { METHOD_ACCESS } from '../../electron/core/auth/method-access';
import { signedInCaller } from '../helpers/desk-session';
import { ARCHIVIST, CLERK, useStaffedStations } from '../helpers/staffed-station';

const station = useStaffedStations();
const ALL = Object.keys(methods) as MethodName[];
const HEAD = { name: 'head-1', password: 'head-pass' } as const;
const QC = { name: 'qc-1', password: 'qc-pass-1' } as const;

describe('the session names the methods the core refuses its user, so screens can lock them', () => {
  it('lists exactly what the dispatcher refuses each role: a clerk the settings, scheme, catalogue, QC and profile saves; the administrator nothing', async () => {
    const { core, admin, clerk } = await station([
      { ...CLERK, role: 'clerk' },
      { ...ARCHIVIST, role: 'archivist' },
      { ...HEAD, role: 'head' },
      { ...QC, role: 'qc' },
    ]);
    const callers = { admin, clerk, archivist: await signedInCaller(core, ARCHIVIST), head: await signedInCaller(core, HEAD), qc: await signedInCaller(core, QC) };
    const refused: Record<string, readonly string[]> = {};
    for (const [who, caller] of Object.entries(callers)) {
      const session = await caller.call<SessionState>('session.get', {});
      const list = session.user!.refusedMethods;
      refused[who] = list;
      // 42 is no request of any method: past the access checks every call ends as bad_request.
      for (const method of ALL) {
        if (METHOD_ACCESS[method].kind === 'public') continue;
        const answer = await caller.raw(method, 42);
        expect(answer.ok ? null : answer.error.code, `${who} ${method}`).toBe(list.includes(method) ? 'forbidden' : 'bad_request');
      }
    }
    expect(refused.admin).toEqual([]);
    expect(refused.clerk).toEqual(expect.arrayContaining(['sync.configure', 'scheme.save', 'catalogue.link', 'catalogue.import', 'qc.decide', 'qc.judge', 'profiles.save']));
    // What the clerk may do stays open: scanning, filing, the sync status.
    for (const open of ['items.file', 'scan.start', 'sync.status', 'sync.settings', 'scheme.get']) expect(refused.clerk).not.toContain(open);
    expect(refused.qc).not.toContain('qc.decide');
    expect(refused.archivist).not.toContain('catalogue.link');
  });
});
