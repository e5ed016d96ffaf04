import { prng } from '../../electron/core/bench/synthetic-pages';

/**
 * The random source of a test that kills processes at random points: seeded from `envVar` when
 * set, so a failing run can be replayed from the seed its message names, else from the clock.
 */
export function replayableRandom(envVar: string): { readonly seed: number; readonly rand: () => number } {
  const seed = Number(process.env[envVar] ?? Date.now() % 100_000) || 1;
  return { seed, rand: prng(seed) };
}
