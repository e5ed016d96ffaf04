import type { DeskBridge } from '../../../shared/contract';

export type { DeskBridge, DeskCommand } from '../../../shared/contract';

declare global {
  interface Window {
    /** Present only inside the Electron shell; absent when served by the loopback bridge. */
    readonly hpfDesk?: DeskBridge;
  }
}
