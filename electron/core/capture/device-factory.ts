import type { DeviceInfo } from '../../../shared/contract';
import { EsclDriver } from './escl/escl-driver';
import { HotFolderDriver } from './hot-folder/hot-folder-driver';
import { SaneDriver } from './sane/sane-driver';
import { ScanFault, type ScanDriver } from './scan-driver';

export type DriverKind = 'sane' | 'escl' | 'hotfolder';

export interface DeviceAddress {
  readonly kind: DriverKind;
  /** What the driver calls the device: a SANE name, an eSCL base URL, a folder. */
  readonly device: string;
}

/** `sane:test`, `escl:http://host:port`, `hotfolder:/path`. */
export function parseDeviceUri(uri: string): DeviceAddress {
  const m = /^(sane|escl|hotfolder):(.+)$/.exec(uri.trim());
  if (!m) throw new ScanFault('unsupported', `设备地址无效 / not a device address: ${uri} (sane:…, escl:http://…, hotfolder:/…)`);
  return { kind: m[1] as DriverKind, device: m[2]! };
}

/** SANE exists on Linux and the BSDs; Windows scanners arrive through a hot folder, any OS has eSCL. */
const saneAvailable = (platform: NodeJS.Platform = process.platform): boolean =>
  platform === 'linux' || platform === 'freebsd' || platform === 'openbsd' || platform === 'netbsd';

export interface DriverOptions {
  /** Hot folders: keep watching (app) or stop when the folder is empty (CLI). */
  readonly watchFolders?: boolean;
}

/** The one place that knows which driver serves which device on which platform. */
export function createDriver(kind: DriverKind, options: DriverOptions = {}): ScanDriver {
  switch (kind) {
    case 'sane':
      if (!saneAvailable()) throw new ScanFault('unsupported', `SANE 只在 Linux 上可用 / SANE is not available on ${process.platform}`);
      return new SaneDriver();
    case 'escl':
      return new EsclDriver();
    case 'hotfolder':
      return new HotFolderDriver(undefined, options.watchFolders ?? true);
  }
}

/** Devices the station can find by itself (SANE's list); eSCL and hot folders are given by address. */
export async function listAllDevices(signal?: AbortSignal): Promise<DeviceInfo[]> {
  if (!saneAvailable()) return [];
  try {
    return await createDriver('sane').listDevices(signal);
  } catch (err) {
    if (err instanceof ScanFault && err.code === 'unsupported') return [];
    throw err;
  }
}
