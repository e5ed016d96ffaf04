import { createBrowserClient } from './browser-client';
import type { DeskClient } from './desk-client';
import { createElectronClient } from './electron-client';
import { takePageKeys } from './page-keys';

/** The one place that decides the transport: the preload's bridge if present, else HTTP. */
export function pickClient(win: Window): DeskClient {
  return win.hpfDesk ? createElectronClient(win.hpfDesk) : createBrowserClient(win.location, takePageKeys(win));
}
