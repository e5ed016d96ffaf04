/** China has kept one offset, UTC+8 without summer time, since 1991: a fixed shift needs no time-zone data. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * A stored moment (ISO, UTC) as the counter reads a clock: Beijing time to the minute, 2026-12-06 02:41.
 * Stored times stay UTC; only what people are told is shifted, so "try again after" is not eight hours off.
 */
export function stationTime(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
