import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreEvent } from '../../../shared/contract';
import { callProblem, type CallProblem } from '../api/call-error';
import { useClient } from '../state/desk-context';
import { throttle } from './throttle';

/** What a view's event handler may do with its status: fetch it again, or fold the event in. */
export interface StatusUpdates<S> {
  readonly reload: () => void;
  readonly setStatus: (update: (previous: S | null) => S | null) => void;
}

export interface PolledStatusOptions<S> {
  /** Fetches the status; keep it stable (useCallback), a new one restarts the polling. */
  readonly load: () => Promise<S>;
  /** Reload this often too: a CLI running beside the app changes things without telling this window. */
  readonly everyMs: number;
  /** Collapse reloads closer than this (events that arrive per page); none when absent. */
  readonly throttleMs?: number;
  /** Reacts to the core's events; keep it stable (useCallback). */
  readonly onEvent: (event: CoreEvent, updates: StatusUpdates<S>) => void;
}

/**
 * A status a modal view keeps fresh while it is open, and the last failure of its calls, shown
 * inside the view (the notice bar is behind the modal). `call` runs one of the view's buttons
 * and takes the status it answers with.
 */
export function usePolledStatus<S>({ load, everyMs, throttleMs, onEvent }: PolledStatusOptions<S>) {
  const client = useClient();
  const [status, setStatus] = useState<S | null>(null);
  const [error, setError] = useState<CallProblem | null>(null);

  const fail = useCallback((err: unknown) => setError(callProblem(err)), []);

  // Answers can arrive out of order (a poll sent before a click may answer after it): an answer
  // to an older request never replaces the status a newer one already gave.
  const sent = useRef(0);
  const shown = useRef(0);
  const call = useCallback(async (run: () => Promise<S>) => {
    const request = ++sent.current;
    try {
      const next = await run();
      if (request < shown.current) return;
      shown.current = request;
      setStatus(next);
      setError(null);
    } catch (err) {
      fail(err);
    }
  }, [fail]);

  useEffect(() => {
    const controller = new AbortController();
    const fetchStatus = () => void call(load);
    const reload = throttleMs === undefined ? Object.assign(fetchStatus, { cancel: () => undefined }) : throttle(fetchStatus, throttleMs);
    reload();
    const timer = setInterval(reload, everyMs);
    client.onEvent((event) => onEvent(event, { reload, setStatus }), controller.signal);
    return () => {
      clearInterval(timer);
      reload.cancel();
      controller.abort();
    };
  }, [client, call, load, everyMs, throttleMs, onEvent]);

  return { status, error, call, fail };
}
