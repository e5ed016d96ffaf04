import { describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../shared/contract';
import type { HostReply, HostRequest } from '../../electron/core/host/utility-process-entry';
import type { FakeUtilityProcess } from '../helpers/fake-electron';

type CoreProcess = FakeUtilityProcess<HostRequest, HostReply>;

const electron = await vi.hoisted(async () => (await import('../helpers/fake-electron')).createFakeElectron());
vi.mock('electron', () => electron.module);
const forks = electron.forks;

function lastCall(proc: CoreProcess): Extract<HostRequest, { type: 'call' }> {
  const call = proc.sent.filter((m) => m.type === 'call').at(-1);
  if (!call || call.type !== 'call') throw new Error('no call sent');
  return call;
}

const { startCoreHost } = await import('../../electron/main/core-host');

function start() {
  forks.length = 0;
  const events: CoreEvent[] = [];
  const fatal: string[] = [];
  const host = startCoreHost({
    entry: '/dist/core/utility-process.mjs',
    ocrHostEntry: '/dist/core/ocr-host.mjs',
    packaged: false,
    dataDir: '/data',
    onEvent: (event) => events.push(event),
    onFatal: (message) => fatal.push(message),
    // Keys are electron-credentials.test.ts's subject; here the core never asks for them.
    credentials: { get: async () => null, save: async () => undefined, remove: async () => undefined },
  });
  const proc = (index: number) => forks[index] as CoreProcess;
  return { host, events, fatal, proc };
}

describe('core host', () => {
  it('initialises the process and matches results to calls by id', async () => {
    const { host, proc } = start();
    expect(proc(0).sent[0]).toEqual({ type: 'init', dataDir: '/data' });
    const first = host.dispatch('batches.list', {}, 'window-1');
    const firstId = lastCall(proc(0)).id;
    const second = host.dispatch('station.info', {}, 'window-1');
    const secondId = lastCall(proc(0)).id;
    expect(secondId).not.toBe(firstId);
    proc(0).reply({ type: 'result', id: secondId, result: { ok: true, value: 'station' } });
    proc(0).reply({ type: 'result', id: firstId, result: { ok: true, value: [] } });
    await expect(first).resolves.toEqual({ ok: true, value: [] });
    await expect(second).resolves.toEqual({ ok: true, value: 'station' });
  });

  it('forwards core events', () => {
    const { events, proc } = start();
    const event: CoreEvent = { type: 'batch.changed', batchId: 'b1' };
    proc(0).reply({ type: 'event', event });
    expect(events).toEqual([event]);
  });

  it('fails calls in flight when the process dies, restarts it once, then gives up', async () => {
    const { host, fatal, proc } = start();
    const inFlight = host.dispatch('import.paths', { batchId: 'b1', paths: ['/a.pdf'] }, 'window-1');
    proc(0).exit(1);
    await expect(inFlight).rejects.toThrow(/exited/);
    expect(forks).toHaveLength(2);
    expect(proc(1).sent[0]).toEqual({ type: 'init', dataDir: '/data' });

    const afterRestart = host.dispatch('batches.list', {}, 'window-1');
    proc(1).reply({ type: 'result', id: lastCall(proc(1)).id, result: { ok: true, value: [] } });
    await expect(afterRestart).resolves.toEqual({ ok: true, value: [] });

    proc(1).exit(1);
    expect(forks).toHaveLength(2);
    expect(fatal).toHaveLength(1);
    await expect(host.dispatch('batches.list', {}, 'window-1')).rejects.toThrow(/unavailable/);
  });

  it('gives the restart back once a restarted core has run well for a while', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
      const { fatal, proc } = start();
      proc(0).exit(1);
      expect(forks).toHaveLength(2);
      // The restarted core crashes hours later, on another file: a new incident, restarted again.
      vi.setSystemTime(new Date('2026-03-02T15:00:00Z'));
      proc(1).exit(1);
      expect(forks).toHaveLength(3);
      // A crash right after that restart is a crash loop: given up.
      proc(2).exit(1);
      expect(forks).toHaveLength(3);
      expect(fatal).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not restart when the core could not be opened', () => {
    const { fatal, proc } = start();
    proc(0).reply({ type: 'init-failed', message: 'database is newer than this program' });
    proc(0).exit(2);
    expect(forks).toHaveLength(1);
    expect(fatal).toEqual(['database is newer than this program']);
  });

  it('asks the core to close, waits for it, and refuses calls afterwards', async () => {
    const { host, fatal, proc } = start();
    const closed = host.close();
    expect(proc(0).sent.at(-1)).toEqual({ type: 'shutdown' });
    proc(0).exit(0);
    await closed;
    expect(proc(0).killed).toBe(false);
    expect(fatal).toEqual([]);
    expect(forks).toHaveLength(1);
    await expect(host.dispatch('batches.list', {}, 'window-1')).rejects.toThrow(/shutting down/);
  });
});
