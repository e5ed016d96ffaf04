export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * Run `fn` at most once per `ms`: the first call runs at once, calls during the pause collapse
 * into one trailing run. Used to refresh 10 000-page lists while an import streams events.
 */
export function throttle(fn: () => void, ms: number): Throttled {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const release = () => {
    if (pending) {
      pending = false;
      fn();
      timer = setTimeout(release, ms);
    } else {
      timer = null;
    }
  };
  const run = (() => {
    if (timer) {
      pending = true;
      return;
    }
    fn();
    timer = setTimeout(release, ms);
  }) as Throttled;
  run.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = false;
  };
  return run;
}
