import { describe, expect, it, vi } from 'vitest';
import type { HostReply as CoreReply, HostRequest as CoreRequest } from '../../electron/core/host/utility-process-entry';
import { ocrHostPorts, type HostPort, type OcrHostPortAnswer } from '../../electron/core/host/ocr-host-port';
import type { HostReply, HostRequest } from '../../electron/core/ocr/ocr-host';
import type { OcrTask, OcrTaskResult } from '../../electron/core/ocr/ocr-pool';
import { OcrProcessPool } from '../../electron/core/ocr/ocr-process-pool';
import type { FakeMessagePort, FakeUtilityProcess } from '../helpers/fake-electron';

/**
 * The OCR host path of the desktop app, both halves real: the core's pool launching through
 * ocrHostPorts, the main process's ocrHostProcesses forking the host and joining the two by a
 * port. Only Electron is a stand-in, and the test plays the OCR host at the end of the port.
 */
const electron = await vi.hoisted(async () => (await import('../helpers/fake-electron')).createFakeElectron());
vi.mock('electron', () => electron.module);
const { ocrHostProcesses } = await import('../../electron/main/ocr-host-process');

const TASK: OcrTask = { engine: 'tesseract', image: '/pages/p1.png', dpi: 300, options: { deskew: true } };
const READ: OcrTaskResult = { ok: true, result: { text: '公积金', confidence: 0.9, angle: 0, width: 2480, height: 3508, lines: [] }, model: 'test', seconds: 0.1 };
/** No process has this id (above Linux's pid_max), so lowering its priority touches nothing. */
const UNUSED_PID = 2_147_483_000;

function desk() {
  electron.forks.length = 0;
  // The core process as the main process sees it: what main posts to it goes to the core's side.
  const core = { postMessage: (message: CoreRequest, transfer?: FakeMessagePort[]) => hosts.answer(message as OcrHostPortAnswer, transfer?.[0] as HostPort | undefined) };
  const main = ocrHostProcesses({ entries: { 'ocr-host': '/dist/core/ocr-host.mjs', 'media-worker': '/dist/core/media-worker.mjs' }, env: {}, core });
  const hosts = ocrHostPorts((request) => main.handle(request satisfies CoreReply));
  const pool = new OcrProcessPool({ workers: 1, threads: 1 }, Number.POSITIVE_INFINITY, hosts.launcher('ocr-host'));

  /** Start the n-th forked host and play it: records requests, answers 'run' when told to. */
  const host = (index: number) => {
    const proc = electron.forks[index] as FakeUtilityProcess | undefined;
    if (!proc) throw new Error(`no OCR host #${index}`);
    proc.spawned(UNUSED_PID);
    const port = proc.transferred[0]?.[0];
    if (!port) throw new Error('the host got no port');
    const requests: HostRequest[] = [];
    let closed = false;
    port.on('message', ({ data }: { data: HostRequest }) => requests.push(data));
    port.on('close', () => (closed = true));
    port.start();
    return {
      proc,
      requests,
      closed: () => closed,
      answer: (id: number, result: OcrTaskResult) => port.postMessage({ id, result } satisfies HostReply),
    };
  };
  return { pool, host };
}

describe('OCR host through a utility process and a port', () => {
  it('delivers a task sent before the host was up and hands back its answer', async () => {
    const { pool, host } = desk();
    const reading = pool.run(TASK);
    const first = host(0);
    expect(first.requests).toEqual([{ type: 'run', id: 1, task: TASK }]);
    expect(pool.pid).toBe(UNUSED_PID);
    first.answer(1, READ);
    await expect(reading).resolves.toEqual(READ);
  });

  it('fails only the pages in flight when the host dies, and starts a new host for the next page', async () => {
    const { pool, host } = desk();
    const reading = pool.run(TASK);
    const first = host(0);
    first.proc.exit(139);
    await expect(reading).resolves.toMatchObject({ ok: false, cancelled: false, error: expect.stringMatching(/OCR worker crashed/) });

    const again = pool.run(TASK);
    const second = host(1);
    expect(second.requests).toEqual([{ type: 'run', id: 2, task: TASK }]);
    second.answer(2, READ);
    await expect(again).resolves.toEqual(READ);
  });

  it('passes a cancel on, stops the host by closing its port and waits until it has exited', async () => {
    const { pool, host } = desk();
    const controller = new AbortController();
    const reading = pool.run(TASK, controller.signal);
    const first = host(0);
    controller.abort();
    expect(first.requests.at(-1)).toEqual({ type: 'cancel', id: 1 });
    first.answer(1, { ok: false, error: 'cancelled', cancelled: true });
    await reading;
    let closed = false;
    const closing = pool.close().then(() => (closed = true));
    expect(first.closed()).toBe(true);
    await Promise.resolve();
    expect(closed).toBe(false);
    first.proc.exit(0);
    await closing;
    expect(closed).toBe(true);
  });
});
