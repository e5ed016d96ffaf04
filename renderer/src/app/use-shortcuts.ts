import { useEffect, type RefObject } from 'react';
import { resolveShortcut, type ShortcutAction, type ShortcutMode } from './shortcuts';
import { useActions, useDeskStore } from '../state/desk-context';
import type { DeskState } from '../state/desk-store';
import type { DeskActions } from '../state/desk-actions';
import { refuseOnClosedBatch } from '../state/closed-batch';

const TEXT_INPUT_TYPES = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image', 'color']);

/** One document-level key handler for the whole app; the mapping itself is pure (shortcuts.ts). */
export function useShortcuts(importInput: RefObject<HTMLInputElement | null>): void {
  const actions = useActions();
  const store = useDeskStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const state = store.getState();
      const action = resolveShortcut(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          shiftKey: event.shiftKey,
          typing: isTyping(event.target),
          onControl: isControl(event.target),
        },
        modeOf(state),
      );
      if (!action) return;
      event.preventDefault();
      run(action, actions, state, importInput, () => refuseOnClosedBatch(store));
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [actions, store, importInput]);
}

function modeOf(state: DeskState): ShortcutMode {
  if (state.dialog === 'help') return 'help';
  if (state.dialog !== 'none') return 'dialog';
  return state.viewer.open ? 'viewer' : 'main';
}

function run(
  action: ShortcutAction,
  actions: DeskActions,
  state: DeskState,
  importInput: RefObject<HTMLInputElement | null>,
  /** True (and the clerk told why) when the open batch is closed and takes nothing more. */
  refusedAsClosed: () => boolean,
): void {
  switch (action.type) {
    case 'new-batch':
      return actions.openDialog('new-batch');
    case 'import':
      // Opening the file picker needs a user gesture; a key press counts as one.
      if (state.currentBatchId !== null && !refusedAsClosed()) importInput.current?.click();
      return;
    case 'move':
      return actions.move(action.move);
    case 'open-viewer':
      return actions.openViewer();
    case 'close':
      return actions.close();
    case 'next':
      return actions.next();
    case 'prev':
      return actions.prev();
    case 'zoom-in':
      return actions.zoomIn();
    case 'zoom-out':
      return actions.zoomOut();
    case 'zoom-fit':
      return actions.zoomFit();
    case 'rotate':
      return actions.rotate();
    case 'toggle-language':
      return actions.toggleLanguage();
    case 'toggle-help':
      return actions.toggleHelp();
    case 'scan':
      if (refusedAsClosed()) return;
      return void actions.startScan();
    case 'cancel-scan':
      return void actions.cancelScan();
    case 'camera':
      if (state.currentBatchId !== null && !refusedAsClosed()) actions.openDialog('camera');
      return;
    case 'scan-profiles':
      return actions.openDialog('scan-profiles');
    case 'choose-profile':
      return actions.chooseProfileKey(action.key);
    case 'backfile':
      // Every back-office screen works on the open batch.
      if (state.currentBatchId !== null) actions.openDialog(action.screen);
      return;
    case 'search':
      return actions.openDialog('search');
    case 'page-edit':
      return actions.pageEdit(action.edit);
    case 'sync-panel':
      return actions.openDialog('sync');
    case 'close-batch':
      if (state.currentBatchId !== null) actions.openDialog('close-batch');
      return;
    case 'switch-user':
      return actions.openDialog('sign-in');
    case 'stats':
      return actions.openDialog('stats');
  }
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !TEXT_INPUT_TYPES.has(target.type);
}

function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], summary, [role="button"]') !== null;
}
