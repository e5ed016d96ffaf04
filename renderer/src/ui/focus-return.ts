import { useEffect, useState } from 'react';

/** The clerk's place of work when nothing better is known: the open batch's page grid. */
const WORK_SURFACE = '[data-focus-home]';

const inDialog = (element: Element) => element.closest('[role="dialog"]') !== null;
// A button or link that opened a modal: given the focus back, Enter would open it again.
const isOpener = (element: Element) => element.closest('button, a[href], [role="button"], summary') !== null;

/**
 * Where focus goes when a modal has closed: back where the clerk was working — the field or the
 * page grid that had it — if that is still on screen. A button outside any dialog (a header or
 * toolbar button that opened the modal) is not such a place: Enter there opened the camera
 * again. Neither is an element the modal replaced (a picker that led to a form). Then the page
 * grid takes the focus, so the next key works on the pages as before.
 */
export function returnFocus(before: Element | null): void {
  const active = document.activeElement;
  // Another modal opened as this one closed (the business picker leading to its form): it keeps the focus.
  if (active && active !== document.body && inDialog(active)) return;
  if (before instanceof HTMLElement && before.isConnected && before !== document.body && (!isOpener(before) || inDialog(before))) {
    before.focus();
    return;
  }
  document.querySelector<HTMLElement>(WORK_SURFACE)?.focus();
}

/** For a modal: remember who had the focus as it opens (read while rendering, before autoFocus), hand it back as it closes. */
export function useFocusReturn(): void {
  const [before] = useState(() => document.activeElement);
  useEffect(() => () => returnFocus(before), [before]);
}
