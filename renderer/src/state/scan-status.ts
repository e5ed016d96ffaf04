import type { CoreEvent, ScanError, ScanSession } from '../../../shared/contract';

/** The latest scan of a batch as its events report it. */
export interface ScanStatus {
  readonly session: string;
  readonly device: string;
  readonly state: ScanSession['state'];
  /** Pages stored by the current run. */
  readonly pages: number;
  readonly error: ScanError | null;
}

type ScanEvent = Extract<CoreEvent, { type: 'scan.started' | 'scan.page' | 'scan.finished' }>;

/** Fold one scan event into a batch's status (events of another session replace it only when it starts). */
export function reduceScanStatus(previous: ScanStatus | undefined, event: ScanEvent): ScanStatus | undefined {
  switch (event.type) {
    case 'scan.started':
      return { session: event.session, device: event.device, state: 'scanning', pages: 0, error: null };
    case 'scan.page':
      if (previous?.session !== event.session) return previous;
      return { ...previous, pages: event.pages };
    case 'scan.finished':
      if (previous && previous.session !== event.session) return previous;
      return { session: event.session, device: previous?.device ?? '', state: event.state, pages: event.pages, error: event.error };
  }
}
