import type { CoreEvent } from '../../shared/contract';

/** A core, or a core context, that announces its events. */
export interface EventSource {
  subscribe(listener: (event: CoreEvent) => void): () => void;
}

/**
 * The first event that `matches`. Call it before starting what will announce the event, so it
 * cannot be missed; it unsubscribes once it has it.
 */
export function nextEvent<E extends CoreEvent>(source: EventSource, matches: (event: CoreEvent) => event is E): Promise<E>;
export function nextEvent(source: EventSource, matches: (event: CoreEvent) => boolean): Promise<CoreEvent>;
export function nextEvent(source: EventSource, matches: (event: CoreEvent) => boolean): Promise<CoreEvent> {
  return new Promise((resolve) => {
    const off = source.subscribe((event) => {
      if (!matches(event)) return;
      off();
      resolve(event);
    });
  });
}

/**
 * Resolves once `ready` gives a value: checked at once and again after every `wanted` event (one
 * check at a time; an event during a check asks for one more), so a test waits on the core's own
 * announcements, never on a sleep.
 */
export function untilReady<T>(source: EventSource, ready: () => T | undefined | Promise<T | undefined>, wanted: (event: CoreEvent) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    let running = false;
    let again = false;
    let done = false;
    const check = (): void => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      Promise.resolve()
        .then(ready)
        .then((value) => {
          running = false;
          if (value !== undefined) {
            done = true;
            stop();
            resolve(value);
          } else if (again) {
            again = false;
            check();
          }
        }, reject);
    };
    const stop = source.subscribe((event) => wanted(event) && check());
    check();
  });
}
