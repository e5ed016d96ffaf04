import type { CoreEvent } from '../../../shared/contract';
import { backoffDelay } from './backoff';
import { parseCoreEventText } from './core-event';

export interface EventSocketHandlers {
  onEvent(event: CoreEvent): void;
  onStatus(connected: boolean): void;
}

export interface EventSocket {
  close(): void;
}

/**
 * One WebSocket to the bridge's event stream that reconnects with backoff whenever it drops
 * (bridge restart, laptop sleep). Events missed while down are not replayed, so the status
 * callback lets the app refresh what it shows when the stream comes back.
 */
export function openEventSocket(url: string, handlers: EventSocketHandlers): EventSocket {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const connect = () => {
    timer = null;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      handlers.onStatus(true);
    };
    ws.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      const event = parseCoreEventText(message.data);
      if (event) handlers.onEvent(event);
      else console.warn('hpf-desk: ignored unknown event', message.data.slice(0, 200));
    };
    ws.onclose = () => {
      socket = null;
      if (closed) return;
      handlers.onStatus(false);
      timer = setTimeout(connect, backoffDelay(attempt++));
    };
    // An error is always followed by close, which schedules the retry.
    ws.onerror = () => undefined;
  };

  connect();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}

/** ws(s)://<same host>/api/events?k=<page key> for the page's own origin (a WebSocket cannot send headers). */
export function eventSocketUrl(location: Pick<Location, 'protocol' | 'host'>, pageKey: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/events?k=${encodeURIComponent(pageKey)}`;
}
