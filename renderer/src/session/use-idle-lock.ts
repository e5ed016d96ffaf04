import { useEffect } from 'react';
import { useActions, useDesk } from '../state/desk-context';

/** What counts as someone at the desk. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Lock the session after the station's idle time without keyboard or pointer activity. One
 * timer, re-armed from the last activity when it fires, so moving the mouse costs a timestamp
 * and not a timer per event. The core keeps the lock (a locked session's calls are refused), so
 * a reload or a second tab cannot step around it.
 */
export function useIdleLock(): void {
  const actions = useActions();
  const watching = useDesk((s) => s.session?.user != null && !s.session.locked);
  const idleSeconds = useDesk((s) => s.session?.idleLockSeconds ?? null);
  useEffect(() => {
    if (!watching || idleSeconds === null) return;
    const idleMs = idleSeconds * 1000;
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      timer = setTimeout(() => {
        const left = last + idleMs - Date.now();
        if (left > 0) arm();
        else void actions.lock();
      }, Math.max(0, last + idleMs - Date.now()));
    };
    const touch = () => {
      last = Date.now();
    };
    for (const kind of ACTIVITY) window.addEventListener(kind, touch, { capture: true, passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const kind of ACTIVITY) window.removeEventListener(kind, touch, { capture: true });
    };
  }, [actions, watching, idleSeconds]);
}
