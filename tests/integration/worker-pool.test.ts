import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerKind } from '../../electron/core/util/worker-pool';
import { useTempDirs } from '../helpers/temp-dir';

/*
 * The pool bookkeeping the media and OCR pools share, on real worker threads: a small worker
 * that echoes, holds a task until it is cancelled, or dies, as a decoder's native fault would.
 */
const WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
const held = new Set();
parentPort.on('message', (msg) => {
  if (msg.type === 'cancel') {
    if (held.delete(msg.id)) parentPort.postMessage({ id: msg.id, result: 'cancelled' });
    return;
  }
  if (msg.task === 'die') process.exit(3);
  if (msg.task === 'hold') held.add(msg.id);
  else if (msg.task === 'spin') for (;;);
  else if (msg.task === 'slow') {
    // Twenty steps, each reporting it is alive, together twice as long as one time limit.
    let beats = 0;
    const timer = setInterval(() => {
      parentPort.postMessage({ id: msg.id, alive: true });
      if (++beats === 20) {
        clearInterval(timer);
        parentPort.postMessage({ id: msg.id, result: 'slow done' });
      }
    }, 100);
  }
  else parentPort.postMessage({ id: msg.id, result: msg.task + '@' + threadId });
});
`;

type Reply = { readonly id: number; readonly result: string } | { readonly id: number; readonly alive: true };

const tempDir = useTempDirs();
const pools: WorkerPool<string, string, Reply>[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function pool(size: number, keep = 0, taskTimeoutMs?: number): Promise<WorkerPool<string, string, Reply>> {
  const script = path.join(await tempDir(), 'echo-worker.mjs');
  await writeFile(script, WORKER);
  const kind: WorkerKind<string, string, Reply> = {
    start: () => new Worker(script),
    request: (id, task) => ({ type: 'run', id, task }),
    answer: (reply) => ('result' in reply ? reply : { id: reply.id, result: 'unexpected heartbeat' }),
    crashed: (reason) => `crashed: ${reason}`,
    cancel: { result: 'never started', request: (id) => ({ type: 'cancel', id }) },
    watchdog: { isHeartbeat: (reply) => 'alive' in reply, timedOut: (ms) => `timed out after ${ms} ms` },
  };
  const made = new WorkerPool(kind, { size, keep, idleMs: Number.POSITIVE_INFINITY, taskTimeoutMs });
  pools.push(made);
  return made;
}

describe('WorkerPool', () => {
  it('runs more tasks than it has workers: the rest wait their turn on at most `size` threads', async () => {
    const two = await pool(2);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((task) => two.run(task)));
    expect(results.map((r) => r.split('@')[0])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(new Set(results.map((r) => r.split('@')[1])).size).toBeLessThanOrEqual(2);
  });

  it('a worker that dies fails only its own task; a kept worker is replaced and takes the next', async () => {
    const one = await pool(1, 1);
    const [died, after] = await Promise.all([one.run('die'), one.run('next')]);
    expect(died).toBe('crashed: exited with code 3');
    expect(after).toMatch(/^next@\d+$/);
  });

  it('cancels a queued task at once and asks the worker to stop a running one', async () => {
    const one = await pool(1);
    const running = new AbortController();
    const queued = new AbortController();
    const first = one.run('hold', running.signal);
    const second = one.run('later', queued.signal);
    queued.abort();
    expect(await second).toBe('never started');
    running.abort();
    expect(await first).toBe('cancelled');
    expect(await one.run('again')).toMatch(/^again@\d+$/);
  });

  it('on close, waiting tasks get the answer they are given and running ones end as crashed', async () => {
    const one = await pool(1);
    const first = one.run('hold');
    const second = one.run('later');
    one.settleQueued('closed');
    expect(await second).toBe('closed');
    await one.close();
    expect(one.closed).toBe(true);
    expect(await first).toMatch(/^crashed: /);
  });

  it('ends a task silent past the time limit, even one stuck in a loop, and replaces its worker', async () => {
    const one = await pool(1, 1, 500);
    const [stuck, after] = await Promise.all([one.run('spin'), one.run('next')]);
    expect(stuck).toBe('timed out after 500 ms');
    expect(after).toMatch(/^next@\d+$/);
  });

  it('a task that keeps sending heartbeats may take longer than one time limit', async () => {
    // The limit leaves a step ten times its usual length, so a loaded machine does not end it.
    const one = await pool(1, 1, 1000);
    expect(await one.run('slow')).toBe('slow done');
  });
});
