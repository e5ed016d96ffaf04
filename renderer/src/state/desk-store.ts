import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Batch, PageDetail, PageSummary, ScanProfile, SessionState, StationInfo } from '../../../shared/contract';
import type { CallErrorCode } from '../api/call-error';
import type { Language } from '../i18n/translate';
import type { ViewRotation } from '../pages/zoom';
import { EMPTY_ERROR_LOG, type FileErrorLog } from './file-errors';
import type { ImportProgress } from './import-progress';
import type { ScanStatus } from './scan-status';

export interface ViewerState {
  readonly open: boolean;
  /** 'fit' follows the window size; a number is a fixed scale (1 = 100 %). */
  readonly zoom: 'fit' | number;
  /** Current fit scale, reported by the viewer so +/- can step from it. */
  readonly fitScale: number;
  readonly rotation: ViewRotation;
  readonly detail: PageDetail | null;
}

/** A failed call worth telling the clerk about; cleared by dismissing or by the next success. */
export interface Notice {
  readonly code: CallErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export type Dialog =
  | 'none' | 'new-batch' | 'help' | 'scan-profiles' | 'camera' | 'sync' | 'ocr-queue' | 'search' | 'sync-settings' | 'close-batch' | 'sign-in'
  | 'trash-page' | 'trash' | 'move-page' | 'scheme-admin' | 'stats' | 'change-pin' | BackfileScreen;

/** The back office's screens (archivist and QC inspector), each on the open batch. */
export type BackfileScreen = 'separators' | 'catalogue' | 'double-entry' | 'qc';

export interface DeskState {
  readonly language: Language;
  readonly station: StationInfo | null;
  /** Who is signed in at this window; null until the core has answered. */
  readonly session: SessionState | null;
  readonly connected: boolean;
  readonly batchesLoaded: boolean;
  readonly batches: readonly Batch[];
  readonly currentBatchId: string | null;
  /** Pages of the current batch, in `seq` order as the core returns them. */
  readonly pages: readonly PageSummary[];
  readonly pagesLoading: boolean;
  readonly selectedPageId: string | null;
  /** Columns the thumbnail grid currently shows (needed for Up/Down). */
  readonly gridColumns: number;
  /** Import progress by batch id: imports keep running while another batch is open. */
  readonly progress: Readonly<Record<string, ImportProgress>>;
  readonly fileErrors: FileErrorLog;
  readonly viewer: ViewerState;
  readonly dialog: Dialog;
  readonly notice: Notice | null;
  /** This station's scanner profiles and the one the scan key uses. */
  readonly profiles: readonly ScanProfile[];
  readonly profileId: string | null;
  /** The latest scan per batch, followed through its events. */
  readonly scans: Readonly<Record<string, ScanStatus>>;
}

export type DeskStore = StoreApi<DeskState>;

export const CLOSED_VIEWER: ViewerState = { open: false, zoom: 'fit', fitScale: 1, rotation: 0, detail: null };

export function createDeskStore(language: Language): DeskStore {
  return createStore<DeskState>()(() => ({
    language,
    station: null,
    session: null,
    connected: true,
    batchesLoaded: false,
    batches: [],
    currentBatchId: null,
    pages: [],
    pagesLoading: false,
    selectedPageId: null,
    gridColumns: 1,
    progress: {},
    fileErrors: EMPTY_ERROR_LOG,
    viewer: CLOSED_VIEWER,
    dialog: 'none',
    notice: null,
    profiles: [],
    profileId: null,
    scans: {},
  }));
}

/** Index of the selected page in the current list, or -1. */
export function selectedIndex(state: Pick<DeskState, 'pages' | 'selectedPageId'>): number {
  if (state.selectedPageId === null) return -1;
  return state.pages.findIndex((page) => page.id === state.selectedPageId);
}

export function currentBatch(state: Pick<DeskState, 'batches' | 'currentBatchId'>): Batch | null {
  return state.batches.find((batch) => batch.id === state.currentBatchId) ?? null;
}
