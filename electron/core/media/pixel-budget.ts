/**
 * Pixels of pages being decoded at once, across every media decoder process. A page's buffers
 * (canvas, decoded copy, pipeline copies) cost about ten bytes a pixel at peak, so a budget of
 * 150 megapixels keeps an import's pixel memory near 1.5 GB whatever the input: ordinary pages
 * (9 MP for A4 at 300 dpi) run side by side, while two 120-megapixel pages take turns instead of
 * both being in memory in different processes.
 */
export const PIXEL_BUDGET_MP = 150;

/** What a page holds of the budget: whole megapixels, at least one, at most the whole budget. */
export const pixelUnits = (pixels: number): number => Math.max(1, Math.min(PIXEL_BUDGET_MP, Math.ceil(pixels / 1e6)));

/**
 * The budget, kept by the core for its decoder processes (they share no memory). Takers wait in
 * order; a page larger than the whole budget runs when it has the budget to itself. The holder
 * of a grant gives it back with `release`, or the pool does for it when its process dies.
 */
export class PixelBudget {
  private used = 0;
  private readonly waiting: Array<{ readonly units: number; readonly grant: () => void; readonly cancelled: () => boolean }> = [];

  /** Resolves once `units` fit; `cancelled` drops a waiter whose process died meanwhile. */
  acquire(units: number, cancelled: () => boolean = () => false): Promise<void> {
    return new Promise((grant) => {
      this.waiting.push({ units, grant, cancelled });
      this.pump();
    });
  }

  release(units: number): void {
    this.used -= units;
    this.pump();
  }

  get inUse(): number {
    return this.used;
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (next.cancelled()) {
        this.waiting.shift();
        continue;
      }
      if (this.used + next.units > PIXEL_BUDGET_MP) return;
      this.waiting.shift();
      this.used += next.units;
      next.grant();
    }
  }
}
