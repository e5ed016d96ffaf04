import type { DeviceCapabilities, DeviceInfo, ScanErrorCode, ScanSource } from '../../../shared/contract';

/** How to drive the device for one run; the stored colour mode is the pipeline's business. */
export interface DeviceScanOptions {
  readonly source: ScanSource;
  readonly dpi: number;
  /** What the device is asked for (colour whenever it can, so red seals survive). */
  readonly mode: 'color' | 'gray';
  /** Where the driver may write the files it receives. */
  readonly workDir: string;
}

/** One page as the device (or the vendor software behind a hot folder) delivered it. */
export interface CapturedPage {
  /** A complete file: PNG, JPEG, TIFF or PDF. */
  readonly path: string;
  /** Device images get a capture record; files from a hot folder stay byte for byte as found. */
  readonly origin: 'device' | 'file';
  /** 1-based sheet number within this run and side, when the device reports them. */
  readonly sheet: number | null;
  readonly side: 'front' | 'back' | null;
  readonly dpi: number | null;
  /** Called once the page is committed (or was refused); a hot folder moves the file out then. */
  readonly settle?: (outcome: 'stored' | 'rejected') => Promise<void>;
}

/**
 * A scanner driver, as in NAPS2: list devices, read one device's capabilities, and scan, with
 * pages streamed as they arrive and the whole run cancellable by the signal. A fault ends the
 * iteration with a ScanFault; pages yielded before it are the caller's to keep.
 */
export interface ScanDriver {
  listDevices(signal?: AbortSignal): Promise<DeviceInfo[]>;
  capabilities(device: string, signal?: AbortSignal): Promise<DeviceCapabilities>;
  scan(device: string, options: DeviceScanOptions, signal: AbortSignal): AsyncIterable<CapturedPage>;
}

/** A device fault with a code the UI translates and a message saying what happened. */
export class ScanFault extends Error {
  constructor(readonly code: ScanErrorCode, message: string) {
    super(message);
    this.name = 'ScanFault';
  }
}

/** Sheet and side of the n-th page (1-based) of a run: duplex feeders alternate front and back. */
export function sheetOf(n: number, duplex: boolean): { sheet: number; side: 'front' | 'back' } {
  return duplex ? { sheet: Math.ceil(n / 2), side: n % 2 === 1 ? 'front' : 'back' } : { sheet: n, side: 'front' };
}
