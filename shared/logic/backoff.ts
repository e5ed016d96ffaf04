/**
 * Delay before retry `attempt` (0-based): exponential from `baseMs`, capped at `maxMs`, less up
 * to 20 % jitter so many clients (open tabs, branch stations after an outage) do not retry in
 * lockstep against a server that is just coming back.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 500, maxMs = 10_000): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp * (0.8 + 0.2 * random()));
}
