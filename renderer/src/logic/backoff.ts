/**
 * Delay before reconnect attempt `attempt` (0-based): exponential from `baseMs`, capped, with
 * up to 20 % jitter so several open tabs do not hammer a restarting bridge in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 500, maxMs = 10_000): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp * (0.8 + 0.2 * random()));
}
