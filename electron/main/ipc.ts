import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ApiResult, CoreEvent } from '../../shared/contract';
import { CALL_CHANNEL, COMMAND_CHANNEL, EVENT_CHANNEL, type DeskCommand } from '../preload/ipc-channels';
import { isAppUrl } from './app-origin';

export interface CallRoute {
  /** `session` is the calling window's own: each window signs in on its own. */
  readonly dispatch: (method: string, request: unknown, session: string) => Promise<ApiResult<unknown>>;
  /** True for the web contents of the app's own windows. */
  readonly isOwnContents: (contents: WebContents) => boolean;
}

/** The core session of a window: each window signs in on its own. */
export const sessionOf = (contents: Pick<WebContents, 'id'>): string => `window-${contents.id}`;

/**
 * The one request channel. It forwards and nothing more: the core's dispatcher validates method
 * and request, since whatever arrives here came from an untrusted page. What is checked here is
 * who is asking: the top frame of one of our windows, showing the app's own origin.
 */
export function registerCallChannel(route: CallRoute): () => void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, request: unknown) => {
    assertTrustedSender(event, route.isOwnContents);
    if (typeof method !== 'string') throw new TypeError('method must be a string');
    return route.dispatch(method, request, sessionOf(event.sender));
  });
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

function assertTrustedSender(event: IpcMainInvokeEvent, isOwnContents: (contents: WebContents) => boolean): void {
  const frame = event.senderFrame;
  const trusted =
    frame !== null &&
    frame.parent === null &&
    isOwnContents(event.sender) &&
    isAppUrl(frame.url);
  if (!trusted) throw new Error('hpf:call refused: untrusted sender');
}

export function sendCoreEvent(contents: WebContents, event: CoreEvent): void {
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
}

export function sendCommand(contents: WebContents, command: DeskCommand): void {
  if (!contents.isDestroyed()) contents.send(COMMAND_CHANNEL, command);
}
