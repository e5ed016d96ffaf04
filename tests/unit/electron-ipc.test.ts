import { describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerCallChannel } = await import('../../electron/main/ipc');
const { CALL_CHANNEL } = await import('../../electron/preload/ipc-channels');

const ownContents = { id: 1 };
const strangerContents = { id: 2 };

function invokeEvent(overrides: { sender?: object; url?: string; parent?: object | null; frame?: null } = {}) {
  const frame = overrides.frame === null ? null : { url: overrides.url ?? 'app://desk/index.html', parent: overrides.parent ?? null };
  return { sender: overrides.sender ?? ownContents, senderFrame: frame };
}

function setup() {
  const dispatch = vi.fn(async (method: string, request: unknown) => ({ ok: true as const, value: { method, request } }));
  const unregister = registerCallChannel({ dispatch, isOwnContents: (contents) => contents === (ownContents as never) });
  const handler = handlers.get(CALL_CHANNEL);
  if (!handler) throw new Error('hpf:call not registered');
  return { dispatch, handler, unregister };
}

describe('hpf:call', () => {
  it('forwards calls from the top frame of our window, untouched, in that window\'s own session', async () => {
    const { dispatch, handler, unregister } = setup();
    const request = { name: 'x' };
    await expect(handler(invokeEvent(), 'batches.create', request)).resolves.toEqual({
      ok: true,
      value: { method: 'batches.create', request },
    });
    expect(dispatch).toHaveBeenCalledWith('batches.create', request, 'window-1');
    unregister();
    expect(handlers.has(CALL_CHANNEL)).toBe(false);
  });

  it.each([
    ['another web contents', invokeEvent({ sender: strangerContents })],
    ['another origin', invokeEvent({ url: 'https://evil.example/' })],
    ['a file: page', invokeEvent({ url: 'file:///tmp/x.html' })],
    ['a subframe', invokeEvent({ parent: {} })],
    ['a destroyed frame', invokeEvent({ frame: null })],
  ])('refuses %s', (_name, event) => {
    const { dispatch, handler, unregister } = setup();
    expect(() => handler(event, 'batches.list', {})).toThrow(/untrusted sender/);
    expect(dispatch).not.toHaveBeenCalled();
    unregister();
  });

  it('refuses a method that is not a string', () => {
    const { dispatch, handler, unregister } = setup();
    expect(() => handler(invokeEvent(), { toString: () => 'batches.list' }, {})).toThrow(TypeError);
    expect(dispatch).not.toHaveBeenCalled();
    unregister();
  });
});
