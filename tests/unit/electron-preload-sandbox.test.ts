import { EventEmitter } from 'node:events';
import timers from 'node:timers';
import url from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeskBridge } from '../../shared/contract';
import { CALL_CHANNEL, COMMAND_CHANNEL, EVENT_CHANNEL } from '../../electron/preload/ipc-channels';
import { buildShell, runShellBundle } from '../helpers/shell-bundle';

/**
 * The built preload, run the way Electron runs a sandboxed preload: `require` knows 'electron'
 * and the few Node builtins Electron polyfills there (events, timers, url, also as `node:…`),
 * nothing else. A preload that needs any other module never exposes its bridge in the app.
 */
const POLYFILLED = new Map<string, unknown>([
  ['events', { EventEmitter, default: EventEmitter }],
  ['timers', timers],
  ['url', url],
]);

/** ipcRenderer as far as the preload uses it: an emitter for `on`, plus a recorded `invoke`. */
class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = [];
  invoke(...args: unknown[]): Promise<unknown> {
    this.invoked.push(args);
    return Promise.resolve({ ok: true, value: 'answered' });
  }
}

function loadPreload() {
  const exposed = new Map<string, unknown>();
  const ipcRenderer = new FakeIpcRenderer();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer,
    webUtils: { getPathForFile: (file: { name: string }) => `/picked/${file.name}` },
  };
  const sandboxRequire = (id: string): unknown => {
    if (id === 'electron') return electron;
    const builtin = POLYFILLED.get(id.replace(/^node:/, ''));
    if (builtin) return builtin;
    throw new Error(`module not found: ${id}`);
  };
  const { required } = runShellBundle('preload', sandboxRequire, { console });
  const bridge = exposed.get('hpfDesk') as DeskBridge | undefined;
  if (!bridge) throw new Error('the preload exposed no hpfDesk');
  return { bridge, exposed, ipcRenderer, required };
}

describe('sandboxed preload bundle', () => {
  beforeAll(buildShell);

  it('loads with only what a sandboxed preload may require and exposes hpfDesk alone', () => {
    const { bridge, exposed, required } = loadPreload();
    expect([...exposed.keys()]).toEqual(['hpfDesk']);
    expect(Object.keys(bridge).sort()).toEqual(['blobUrl', 'call', 'onCommand', 'onEvent', 'pathForFile']);
    expect(required).toEqual(['electron']);
  });

  it('forwards call() on the call channel and hands back the answer', async () => {
    const { bridge, ipcRenderer } = loadPreload();
    await expect(bridge.call('batches.list', { limit: 5 })).resolves.toEqual({ ok: true, value: 'answered' });
    expect(ipcRenderer.invoked).toEqual([[CALL_CHANNEL, 'batches.list', { limit: 5 }]]);
  });

  it('delivers events and commands without the IPC event, and unsubscribes', () => {
    const { bridge, ipcRenderer } = loadPreload();
    const events: unknown[] = [];
    const commands: unknown[] = [];
    const stopEvents = bridge.onEvent((event) => events.push(event));
    const stopCommands = bridge.onCommand?.((command) => commands.push(command));
    const sender = { sender: 'must not leak' };
    ipcRenderer.emit(EVENT_CHANNEL, sender, { type: 'batch.changed', batchId: 'b1' });
    ipcRenderer.emit(COMMAND_CHANNEL, sender, { type: 'batch.new' });
    expect(events).toEqual([{ type: 'batch.changed', batchId: 'b1' }]);
    expect(commands).toEqual([{ type: 'batch.new' }]);
    stopEvents();
    stopCommands?.();
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL) + ipcRenderer.listenerCount(COMMAND_CHANNEL)).toBe(0);
  });

  it('builds blob URLs only for a SHA-256 and asks Electron for dropped files\' paths', () => {
    const { bridge } = loadPreload();
    const sha = 'a'.repeat(64);
    expect(bridge.blobUrl(sha)).toBe(`hpf-blob://objects/${sha}`);
    expect(() => bridge.blobUrl('../../etc/passwd')).toThrow(/not a SHA-256/);
    expect(bridge.pathForFile({ name: 'scan.pdf' } as File)).toBe('/picked/scan.pdf');
  });
});
