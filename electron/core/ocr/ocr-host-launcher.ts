import type { HostReply, HostRequest } from './ocr-host';
import { childProcessLauncher, type HostHandle, type HostLauncher, type HostListeners } from '../util/host-process';
import { lowerPriority } from './lower-priority';

/** The OCR host as its pool drives it (util/host-process.ts). */
export type OcrHostHandle = HostHandle<HostRequest>;
export type OcrHostListeners = HostListeners<HostReply>;
export type OcrHostLauncher = HostLauncher<HostRequest, HostReply>;

/** The OCR host as a Node child process, below the priority of the work a clerk waits for. */
export const childProcessHostLauncher: OcrHostLauncher = childProcessLauncher('ocr-host', lowerPriority);
