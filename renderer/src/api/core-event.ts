import { CoreEvent } from '../../../shared/contract';

/**
 * Validate a pushed event. Events arrive as loose JSON over a socket (or a structured clone over
 * IPC); anything that is not a known event is dropped instead of corrupting the UI state.
 */
export function parseCoreEvent(raw: unknown): CoreEvent | null {
  const parsed = CoreEvent.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Same as parseCoreEvent for a text frame; invalid JSON counts as an unknown event. */
export function parseCoreEventText(text: string): CoreEvent | null {
  try {
    return parseCoreEvent(JSON.parse(text));
  } catch {
    return null;
  }
}
