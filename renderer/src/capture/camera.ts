import { findSheet } from '../../../shared/imaging/find-sheet';
import { toGray, type Box } from '../../../shared/imaging/gray-image';

export interface OpenCamera {
  readonly stream: MediaStream;
  readonly label: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Open the document camera at its highest resolution: ask for far more than any camera has,
 * then raise the track to the maximum its capabilities report (browsers otherwise settle on 640×480).
 */
export async function openDocumentCamera(media: MediaDevices): Promise<OpenCamera> {
  const stream = await media.getUserMedia({ video: { width: { ideal: 8192 }, height: { ideal: 6144 } }, audio: false });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new DOMException('no video track', 'NotFoundError');
  const caps = typeof track.getCapabilities === 'function' ? track.getCapabilities() : {};
  if (caps.width?.max && caps.height?.max) {
    await track.applyConstraints({ width: { ideal: caps.width.max }, height: { ideal: caps.height.max } }).catch(() => undefined);
  }
  const settings = track.getSettings();
  return { stream, label: track.label || 'camera', width: settings.width ?? 0, height: settings.height ?? 0 };
}

export type CameraProblem = 'denied' | 'notFound' | 'busy' | 'failed';

/** What a getUserMedia failure means for the clerk. */
export function cameraProblem(err: unknown): CameraProblem {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'notFound';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** Where the sheet is in a preview frame (RGBA pixels), as a share of the frame; null when none stands out. */
export function sheetInFrame(rgba: Uint8ClampedArray, width: number, height: number): Box | null {
  const found = findSheet(toGray(rgba, width, height, 4));
  if (!found || found.border === null) return null;
  return { x: found.box.x / width, y: found.box.y / height, width: found.box.width / width, height: found.box.height / height };
}

/** A Blob as base64 (no data: prefix), for the capture.frame call. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the frame'));
    reader.readAsDataURL(blob);
  });
}
