import type { Language } from '../i18n/translate';
import { moveInGrid, stepIndex, type GridMove } from '../pages/grid-navigation';
import { rotateClockwise, zoomIn, zoomOut } from '../pages/zoom';
import { reportError, type ActionContext } from './action-context';
import { CLOSED_VIEWER, selectedIndex, type Dialog } from './desk-store';

/** Selection, viewer, dialogs and language: screen state that needs at most one call. */
export function createViewActions(ctx: ActionContext) {
  const { client, store } = ctx;

  async function loadDetail(pageId: string): Promise<void> {
    try {
      const detail = await client.call('pages.get', { id: pageId });
      const s = store.getState();
      if (!s.viewer.open || s.selectedPageId !== pageId) return;
      store.setState({ viewer: { ...s.viewer, detail } });
    } catch (err) {
      reportError(ctx, err);
    }
  }

  function select(pageId: string | null): void {
    const s = store.getState();
    if (s.selectedPageId === pageId) return;
    // In the viewer the details follow the page; zoom and view rotation are kept on purpose,
    // because a sideways-scanned stack is usually sideways throughout.
    store.setState({ selectedPageId: pageId, viewer: s.viewer.open ? { ...s.viewer, detail: null } : s.viewer });
    if (s.viewer.open && pageId !== null) void loadDetail(pageId);
  }

  function move(direction: GridMove): void {
    const s = store.getState();
    const next = moveInGrid(selectedIndex(s), direction, s.gridColumns, s.pages.length);
    select(s.pages[next]?.id ?? null);
  }

  function openViewer(pageId?: string): void {
    const s = store.getState();
    const id = pageId ?? s.selectedPageId;
    if (id === null || id === undefined || !s.pages.some((p) => p.id === id)) return;
    store.setState({ selectedPageId: id, viewer: { ...CLOSED_VIEWER, open: true, rotation: s.viewer.rotation } });
    void loadDetail(id);
  }

  function step(delta: number): void {
    const s = store.getState();
    if (!s.viewer.open) return;
    const next = stepIndex(selectedIndex(s), delta, s.pages.length);
    const page = s.pages[next];
    if (page) select(page.id);
  }

  const setViewer = (patch: Partial<typeof CLOSED_VIEWER>) =>
    store.setState((s) => (s.viewer.open ? { viewer: { ...s.viewer, ...patch } } : s));
  const currentScale = () => {
    const { zoom, fitScale } = store.getState().viewer;
    return zoom === 'fit' ? fitScale : zoom;
  };

  const signedOut = () => store.getState().session?.user === null;

  /** Esc closes the innermost thing that is open. */
  function close(): void {
    const s = store.getState();
    // Nobody signed in: the sign-in dialog stays until someone does.
    if (s.dialog === 'sign-in' && !s.session?.user) return;
    if (s.dialog !== 'none') store.setState({ dialog: 'none' });
    else if (s.viewer.open) store.setState({ viewer: { ...CLOSED_VIEWER, rotation: s.viewer.rotation } });
  }

  function setLanguage(language: Language): void {
    store.setState({ language });
    ctx.persistLanguage(language);
  }

  return {
    select,
    move,
    openViewer,
    close,
    next: () => step(1),
    prev: () => step(-1),
    zoomIn: () => setViewer({ zoom: zoomIn(currentScale()) }),
    zoomOut: () => setViewer({ zoom: zoomOut(currentScale()) }),
    zoomFit: () => setViewer({ zoom: 'fit' }),
    rotate: () => setViewer({ rotation: rotateClockwise(store.getState().viewer.rotation) }),
    setFitScale: (fitScale: number) => {
      if (store.getState().viewer.fitScale !== fitScale) setViewer({ fitScale });
    },
    setGridColumns: (gridColumns: number) => {
      if (store.getState().gridColumns !== gridColumns) store.setState({ gridColumns });
    },
    setLanguage,
    toggleLanguage: () => setLanguage(store.getState().language === 'zh-CN' ? 'en' : 'zh-CN'),
    // Signed out, nothing may take the sign-in dialog's place (a header button reached by Tab, F1).
    // While the session is still being asked for, keys work as always: a signed-out answer then
    // replaces whatever opened with the sign-in dialog.
    openDialog: (dialog: Dialog): void => {
      if (dialog === 'sign-in' || !signedOut()) store.setState({ dialog });
    },
    toggleHelp: (): void => {
      if (!signedOut()) store.setState((s) => ({ dialog: s.dialog === 'help' ? 'none' : 'help' }));
    },
    dismissNotice: () => store.setState({ notice: null }),
  };
}

export type ViewActions = ReturnType<typeof createViewActions>;
