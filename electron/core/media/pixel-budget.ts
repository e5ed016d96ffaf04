/**
 * Pixels of pages being decoded at once, shared by every media worker through one
 * SharedArrayBuffer. A page's buffers (canvas, decoded copy, pipeline copies) cost about ten bytes
 * a pixel at peak, so a budget of 150 megapixels keeps an import's pixel memory near 1.5 GB
 * whatever the input: ordinary pages (9 MP for A4 at 300 dpi) run side by side, while two
 * 120-megapixel pages take turns instead of both being in memory on different workers.
 */
export const PIXEL_BUDGET_MP = 150;
/** While waiting for room, a worker says it is alive this often (it is waiting, not stuck). */
const WAIT_SLICE_MS = 5_000;

/** Atomics.waitAsync (Node 16+, ES2024): the compiler's ES2023 library does not declare it yet. */
const waitAsync = (Atomics as unknown as {
  waitAsync(cell: Int32Array, index: number, value: number, timeoutMs: number): { async: boolean; value: unknown };
}).waitAsync;

export function createPixelBudget(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/**
 * Runs `work` once `pixels` fit in the budget (a page larger than the whole budget runs when it
 * has the budget to itself), and gives them back when it ends.
 */
export async function withPixels<T>(budget: SharedArrayBuffer, pixels: number, waiting: () => void, work: () => Promise<T>): Promise<T> {
  const cell = new Int32Array(budget);
  const want = Math.max(1, Math.min(PIXEL_BUDGET_MP, Math.ceil(pixels / 1e6)));
  for (;;) {
    const used = Atomics.load(cell, 0);
    if (used + want <= PIXEL_BUDGET_MP) {
      if (Atomics.compareExchange(cell, 0, used, used + want) === used) break;
      continue;
    }
    const wait = waitAsync(cell, 0, used, WAIT_SLICE_MS);
    if (wait.async) await wait.value;
    waiting();
  }
  try {
    return await work();
  } finally {
    Atomics.sub(cell, 0, want);
    Atomics.notify(cell, 0);
  }
}
