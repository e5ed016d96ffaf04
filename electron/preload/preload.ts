import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { CoreEvent } from '../../shared/contract';
import { BLOB_HOST, BLOB_SCHEME } from '../main/app-origin';
import {
  CALL_CHANNEL,
  COMMAND_CHANNEL,
  EVENT_CHANNEL,
  type DeskBridge,
  type DeskCommand,
} from './ipc-channels';

// Runs sandboxed: only 'electron' (a renderer subset) is available, and this file is bundled.
// The page gets a handful of named functions, never ipcRenderer: it cannot pick channels, and
// listeners never see the IPC event object (which would leak `sender`).

const SHA256_HEX = /^[0-9a-f]{64}$/;

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge: DeskBridge = {
  call: (method, request) => ipcRenderer.invoke(CALL_CHANNEL, method, request),
  onEvent: (listener) => subscribe<CoreEvent>(EVENT_CHANNEL, listener),
  onCommand: (listener) => subscribe<DeskCommand>(COMMAND_CHANNEL, listener),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  blobUrl: (sha256) => {
    if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) throw new TypeError('not a SHA-256');
    return `${BLOB_SCHEME}://${BLOB_HOST}/${sha256}`;
  },
};

contextBridge.exposeInMainWorld('hpfDesk', bridge);
