import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../shared/contract';
import type { HostReply, HostRequest } from '../../electron/core/host/utility-process-entry';

/** A scripted stand-in for Electron's UtilityProcess: records what it is sent, replies on demand. */
class FakeProcess extends EventEmitter {
  readonly sent: HostRequest[] = [];
  killed = false;
  postMessage(message: HostRequest): void {
    this.sent.push(message);
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', 15);
    return true;
  }
  reply(message: HostReply): void {
    this.emit('message', message);
  }
  exit(code: number): void {
    this.emit('exit', code);
  }
  lastCall(): Extract<HostRequest, { type: 'call' }> {
    const call = this.sent.filter((m) => m.type === 'call').at(-1);
    if (!call || call.type !== 'call') throw new Error('no call sent');
    return call;
  }
}

const forks = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', () => ({
  utilityProcess: {
    fork: () => {
      const proc = new FakeProcess();
      forks.push(proc);
      return proc;
    },
  },
}));

const { startCoreHost } = await import('../../electron/main/core-host');

function start() {
  forks.length = 0;
  const events: CoreEvent[] = [];
  const fatal: string[] = [];
  const host = startCoreHost({
    entry: '/dist/core/utility-process.mjs',
    dataDir: '/data',
    onEvent: (event) => events.push(event),
    onFatal: (message) => fatal.push(message),
    // Keys are electron-credentials.test.ts's subject; here the core never asks for them.
    credentials: { get: async () => null, save: async () => undefined, remove: async () => undefined },
  });
  const proc = (index: number) => forks[index] as FakeProcess;
  return { host, events, fatal, proc };
}

describe('core host', () => {
  it('initialises the process and matches results to calls by id', async () => {
    const { host, proc } = start();
    expect(proc(0).sent[0]).toEqual({ type: 'init', dataDir: '/data' });
    const first = host.dispatch('batches.list', {}, 'window-1');
    const firstId = proc(0).lastCall().id;
    const second = host.dispatch('station.info', {}, 'window-1');
    const secondId = proc(0).lastCall().id;
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
    proc(1).reply({ type: 'result', id: proc(1).lastCall().id, result: { ok: true, value: [] } });
    await expect(afterRestart).resolves.toEqual({ ok: true, value: [] });

    proc(1).exit(1);
    expect(forks).toHaveLength(2);
    expect(fatal).toHaveLength(1);
    await expect(host.dispatch('batches.list', {}, 'window-1')).rejects.toThrow(/unavailable/);
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
