import type { BackfileScreen } from '../state/desk-store';
import type { GridMove } from '../pages/grid-navigation';

export type ShortcutAction =
  | { readonly type: 'new-batch' }
  | { readonly type: 'import' }
  | { readonly type: 'move'; readonly move: GridMove }
  | { readonly type: 'open-viewer' }
  | { readonly type: 'close' }
  | { readonly type: 'next' }
  | { readonly type: 'prev' }
  | { readonly type: 'zoom-in' }
  | { readonly type: 'zoom-out' }
  | { readonly type: 'zoom-fit' }
  | { readonly type: 'rotate' }
  | { readonly type: 'toggle-language' }
  | { readonly type: 'toggle-help' }
  | { readonly type: 'scan' }
  | { readonly type: 'cancel-scan' }
  | { readonly type: 'camera' }
  | { readonly type: 'scan-profiles' }
  | { readonly type: 'choose-profile'; readonly key: number }
  | { readonly type: 'backfile'; readonly screen: BackfileScreen }
  | { readonly type: 'search' }
  | { readonly type: 'page-edit'; readonly edit: PageEdit }
  | { readonly type: 'sync-panel' }
  | { readonly type: 'close-batch' }
  | { readonly type: 'switch-user' }
  | { readonly type: 'stats' };

/** Page editing in the batch screen (E G [ ] D M T, Alt+arrows) and the scheme admin screen (F9). */
export type PageEdit =
  | 'split' | 'merge-previous' | 'rotate-clockwise' | 'rotate-anticlockwise' | 'page-earlier' | 'page-later'
  | 'previous-document' | 'next-document' | 'move-page' | 'trash-page' | 'open-trash' | 'scheme-admin';

const ALT_EDITS: Readonly<Record<string, PageEdit>> = {
  ArrowLeft: 'page-earlier', ArrowRight: 'page-later', ArrowUp: 'previous-document', ArrowDown: 'next-document',
};
const EDIT_KEYS: Readonly<Record<string, PageEdit>> = {
  e: 'split', g: 'merge-previous', ']': 'rotate-clockwise', '[': 'rotate-anticlockwise',
  m: 'move-page', d: 'trash-page', t: 'open-trash', F9: 'scheme-admin',
};

/** What has the keyboard: the main screen, the viewer, a form dialog or the help overlay. */
export type ShortcutMode = 'main' | 'viewer' | 'dialog' | 'help';

/** The parts of a KeyboardEvent the mapping needs, so it can be tested without a DOM. */
export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** Only Shift+S and Shift+C read it; other keys take Shift as part of the character (?). */
  readonly shiftKey?: boolean;
  /** Focus is in a text field, select or editable element. */
  readonly typing: boolean;
  /** Focus is on a button or link, which Enter and Space already activate. */
  readonly onControl: boolean;
}

const MOVES: Readonly<Record<string, GridMove>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'first',
  End: 'last',
};

/** Map one key press to an action, or null to leave it to the browser. */
export function resolveShortcut(input: KeyInput, mode: ShortcutMode): ShortcutAction | null {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (key === 'Escape') return { type: 'close' };
  if (input.typing) return null;
  const command = input.ctrlKey || input.metaKey;
  if (command || input.altKey) {
    // Ctrl/⌘+F searches the archive, not the visible page (the browser's find would).
    if (command && !input.altKey && key === 'f' && mode === 'main') return { type: 'search' };
    // Ctrl/⌘+O and Alt+arrows (page editing) are the chords we take over; others (copy, browser zoom…) stay native.
    const altEdit = input.altKey && !command && mode === 'main' ? ALT_EDITS[key] : undefined;
    if (altEdit) return { type: 'page-edit', edit: altEdit };
    return command && !input.altKey && key === 'o' && mode === 'main' ? { type: 'import' } : null;
  }
  if (key === '?' || key === 'F1') return mode === 'dialog' ? null : { type: 'toggle-help' };
  if (mode === 'dialog' || mode === 'help') return null;
  if (key === 'l') return { type: 'toggle-language' };
  // Back office: Shift+S separator sheets and split, Shift+C catalogue (plain S and C scan and shoot).
  if (mode === 'main' && input.shiftKey && (key === 's' || key === 'c')) return { type: 'backfile', screen: key === 's' ? 'separators' : 'catalogue' };
  return mode === 'viewer' ? viewerKey(key) : mainKey(key, input.onControl);
}

function viewerKey(key: string): ShortcutAction | null {
  switch (key) {
    case 'PageDown':
    case 'j':
    case 'ArrowRight':
      return { type: 'next' };
    case 'PageUp':
    case 'k':
    case 'ArrowLeft':
      return { type: 'prev' };
    case '+':
    case '=':
      return { type: 'zoom-in' };
    case '-':
    case '_':
      return { type: 'zoom-out' };
    case '0':
      return { type: 'zoom-fit' };
    case 'r':
      return { type: 'rotate' };
    default:
      return null;
  }
}

function mainKey(key: string, onControl: boolean): ShortcutAction | null {
  const move = MOVES[key];
  if (move) return { type: 'move', move };
  const edit = EDIT_KEYS[key];
  if (edit) return { type: 'page-edit', edit };
  switch (key) {
    case 'n':
      return { type: 'new-batch' };
    case 'o':
      return { type: 'import' };
    case 's':
      return { type: 'scan' };
    case 'x':
      return { type: 'cancel-scan' };
    case 'c':
      return { type: 'camera' };
    case 'p':
      return { type: 'scan-profiles' };
    case 'q':
      return { type: 'backfile', screen: 'qc' };
    case 'v':
      return { type: 'backfile', screen: 'double-entry' };
    case '/':
      return { type: 'search' };
    case 'y':
      return { type: 'sync-panel' };
    case 'w':
      return { type: 'close-batch' };
    case 'u':
      return { type: 'switch-user' };
    case 'F8':
      return { type: 'stats' };
    case 'Enter':
      return onControl ? null : { type: 'open-viewer' };
    default:
      // 1–9 pick the scan profile saved under that key.
      return /^[1-9]$/.test(key) ? { type: 'choose-profile', key: Number(key) } : null;
  }
}
