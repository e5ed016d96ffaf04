/**
 * The IPC surface between the shell and the page, shared by the main process and the preload
 * script so the channel names cannot drift. Types and constants only: both bundles inline them.
 */
export const CALL_CHANNEL = 'hpf:call';
export const EVENT_CHANNEL = 'hpf:event';
export const COMMAND_CHANNEL = 'hpf:command';

export type { DeskBridge, DeskCommand } from '../../shared/contract';
