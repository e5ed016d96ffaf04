import type { Locator } from '@playwright/test';

export interface LayoutProblem {
  readonly problem: 'wrapped' | 'clipped' | 'off-screen' | 'small-text';
  readonly text: string;
  readonly detail: string;
}

/** Smallest text a clerk reads without effort on a counter PC (Chinese below it blurs). */
export const MIN_TEXT_PX = 13;

/**
 * Read the element boxes of the buttons (and links acting as buttons) inside `root`, as laid out
 * now, and name each that a clerk would see broken: its words wrapped onto a second line
 * ("导入文/件"), its content cut off inside it, the button itself outside the window (or below
 * it with no way to scroll there), or text smaller than MIN_TEXT_PX. Measured, not looked at: the same result on every run.
 */
export async function layoutProblems(root: Locator): Promise<LayoutProblem[]> {
  return root.evaluate((element, minText) => {
    const problems: Array<{ problem: 'wrapped' | 'clipped' | 'off-screen' | 'small-text'; text: string; detail: string }> = [];
    const controls = element.querySelectorAll<HTMLElement>('button, a[href], [role="button"], select');
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(control).visibility === 'hidden') continue;
      const text = (control.textContent ?? '').trim().slice(0, 40);
      // Each run of words on its own: the distinct tops of its boxes (a wrapped label has two or
      // more). A card of several lines (name above details) is fine; a name split over two is not.
      const walker = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) problems.push({ problem: 'wrapped', text: (node.textContent ?? '').trim().slice(0, 40), detail: `${tops.size} lines in ${Math.round(box.width)}px` });
      }
      if (control.scrollWidth > control.clientWidth + 1 && getComputedStyle(control).textOverflow !== 'ellipsis') {
        problems.push({ problem: 'clipped', text, detail: `content ${control.scrollWidth}px in ${control.clientWidth}px` });
      }
      // Below the fold inside a scrolling panel is reachable; outside the window sideways, or below it with nothing to scroll, is not.
      const scrolls = (e: Element | null): boolean => e !== null && (/(auto|scroll)/.test(getComputedStyle(e).overflowY) || scrolls(e.parentElement));
      if (box.right > window.innerWidth + 1 || box.left < -1 || (box.bottom > window.innerHeight + 1 && !scrolls(control.parentElement))) {
        problems.push({ problem: 'off-screen', text, detail: `box ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)} in ${window.innerWidth}×${window.innerHeight}` });
      }
      const size = parseFloat(getComputedStyle(control).fontSize);
      if (size < minText) problems.push({ problem: 'small-text', text, detail: `${size}px` });
    }
    return problems;
  }, MIN_TEXT_PX);
}
