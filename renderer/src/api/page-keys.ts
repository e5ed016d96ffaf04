/**
 * The keys the bridge handed this page in the entry link's fragment (`#k=…&b=…`). A browser
 * sends localhost cookies to every port of the host, so the cookie alone would let any other
 * local listener replay our calls; these keys never leave the page except to the bridge.
 * They live in sessionStorage — per tab and per origin, never sent anywhere — so a reload keeps
 * working; the fragment is removed from the address bar at once.
 */
export interface PageKeys {
  /** Sent as the `x-hpf-page` header with every call and upload, and on the event socket. */
  readonly pageKey: string;
  /** In image addresses, which an <img> fetches without our headers. */
  readonly blobKey: string;
}

const STORAGE_KEY = 'hpf-desk.page-keys';

export function takePageKeys(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): PageKeys | null {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const pageKey = fragment.get('k');
  const blobKey = fragment.get('b');
  if (pageKey && blobKey) {
    const keys = { pageKey, blobKey };
    win.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
    return keys;
  }
  try {
    const stored = JSON.parse(win.sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<PageKeys> | null;
    return typeof stored?.pageKey === 'string' && typeof stored.blobKey === 'string' ? { pageKey: stored.pageKey, blobKey: stored.blobKey } : null;
  } catch {
    return null;
  }
}
