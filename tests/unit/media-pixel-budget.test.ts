import { describe, expect, it } from 'vitest';
import { createPixelBudget, PIXEL_BUDGET_MP, withPixels } from '../../electron/core/media/pixel-budget';

/** A promise and the function that settles it, to hold work open until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('pixel budget', () => {
  it('runs ordinary pages side by side', async () => {
    const budget = createPixelBudget();
    const log: string[] = [];
    const page = (name: string) => withPixels(budget, 9e6, () => {}, async () => void log.push(name));
    await Promise.all([page('a'), page('b'), page('c')]);
    expect(log.sort()).toEqual(['a', 'b', 'c']);
  });

  it('makes a second huge page wait until the first has given its pixels back', async () => {
    const budget = createPixelBudget();
    const log: string[] = [];
    const first = gate();
    const started = gate();
    const one = withPixels(budget, 120e6, () => {}, async () => {
      log.push('first starts');
      started.open();
      await first.opened;
      log.push('first ends');
    });
    await started.opened;
    const two = withPixels(budget, 120e6, () => {}, async () => void log.push('second starts'));
    // The second is queued behind the first: nothing of it has run while the first holds the budget.
    expect(log).toEqual(['first starts']);
    first.open();
    await Promise.all([one, two]);
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
    expect(new Int32Array(budget)[0]).toBe(0);
  });

  it('lets a page larger than the whole budget run alone', async () => {
    const budget = createPixelBudget();
    await expect(withPixels(budget, (PIXEL_BUDGET_MP + 50) * 1e6, () => {}, async () => 'done')).resolves.toBe('done');
  });
});
