import { describe, expect, it } from 'vitest';
import { PIXEL_BUDGET_MP, PixelBudget, pixelUnits } from '../../electron/core/media/pixel-budget';

/** Hold `pixels` while `work` runs, as a decoder process does through the pool. */
async function withPixels<T>(budget: PixelBudget, pixels: number, work: () => Promise<T>): Promise<T> {
  const units = pixelUnits(pixels);
  await budget.acquire(units);
  try {
    return await work();
  } finally {
    budget.release(units);
  }
}

/** A promise and the function that settles it, to hold work open until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('pixel budget', () => {
  it('runs ordinary pages side by side', async () => {
    const budget = new PixelBudget();
    const log: string[] = [];
    const page = (name: string) => withPixels(budget, 9e6, async () => void log.push(name));
    await Promise.all([page('a'), page('b'), page('c')]);
    expect(log.sort()).toEqual(['a', 'b', 'c']);
  });

  it('makes a second huge page wait until the first has given its pixels back', async () => {
    const budget = new PixelBudget();
    const log: string[] = [];
    const first = gate();
    const started = gate();
    const one = withPixels(budget, 120e6, async () => {
      log.push('first starts');
      started.open();
      await first.opened;
      log.push('first ends');
    });
    await started.opened;
    const two = withPixels(budget, 120e6, async () => void log.push('second starts'));
    // The second is queued behind the first: nothing of it has run while the first holds the budget.
    expect(log).toEqual(['first starts']);
    first.open();
    await Promise.all([one, two]);
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
    expect(budget.inUse).toBe(0);
  });

  it('lets a page larger than the whole budget run alone', async () => {
    const budget = new PixelBudget();
    await expect(withPixels(budget, (PIXEL_BUDGET_MP + 50) * 1e6, async () => 'done')).resolves.toBe('done');
  });

  it('skips a waiter whose process died, so the pages behind it are not held up', async () => {
    const budget = new PixelBudget();
    await budget.acquire(PIXEL_BUDGET_MP);
    let dead = false;
    const orphan = budget.acquire(100, () => dead);
    const behind = budget.acquire(100);
    dead = true;
    budget.release(PIXEL_BUDGET_MP);
    await behind;
    expect(budget.inUse).toBe(100);
    void orphan;
  });
});
