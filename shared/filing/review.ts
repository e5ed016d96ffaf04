import type { Fields } from './checklist';

/** Double-entry verification and QC sampling: the pure parts. */

export interface KeyingDifference {
  readonly field: string;
  readonly first: string | null;
  readonly second: string | null;
}

/** Elements the two keyings disagree on (a value missing on one side counts as a difference). */
export function compareKeyings(first: Fields, second: Fields): { agreed: Record<string, string>; differences: KeyingDifference[] } {
  const agreed: Record<string, string> = {};
  const differences: KeyingDifference[] = [];
  for (const field of [...new Set([...Object.keys(first), ...Object.keys(second)])].sort()) {
    const a = first[field] ?? null;
    const b = second[field] ?? null;
    if (a === b && a !== null) agreed[field] = a;
    else differences.push({ field, first: a, second: b });
  }
  return { agreed, differences };
}

/** Why a page fails QC (DA/T 31 §10.5). */
export const QC_REASONS = ['missed', 'repeated', 'extra', 'order', 'unreadable', 'skewed', 'incomplete', 'processing', 'other'] as const;
export type QcReason = (typeof QC_REASONS)[number];
export const isQcReason = (s: string): s is QcReason => (QC_REASONS as readonly string[]).includes(s);

export const QC_REASON_NAMES: Readonly<Record<QcReason, string>> = {
  missed: '漏扫',
  repeated: '重扫',
  extra: '多扫',
  order: '顺序错误',
  unreadable: '图像不清晰',
  skewed: '图像倾斜',
  incomplete: '图像不完整',
  processing: '处理不当',
  other: '其他',
};

/** How many pages a sample of `rate` takes from `total`: at least one, rounded up. */
export const sampleSize = (total: number, rate: number): number => (total === 0 ? 0 : Math.min(total, Math.max(1, Math.ceil(total * rate))));

/**
 * A reproducible random sample (the seed is stored, so anyone can redraw the same pages):
 * a seeded Fisher–Yates over the batch's pages, then back into scan order.
 */
export function drawSample<T>(items: readonly T[], rate: number, seed: number): T[] {
  let s = seed >>> 0 || 1;
  const random = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, sampleSize(items.length, rate)).sort((a, b) => a - b).map((i) => items[i]!);
}

export interface Acceptance {
  readonly judged: number;
  readonly passed: number;
  readonly failed: number;
  readonly passRate: number;
  readonly accepted: boolean;
}

/** A batch passes when the share of sampled pages that pass reaches the required rate. */
export function acceptance(verdicts: ReadonlyArray<'pass' | 'fail'>, required: number): Acceptance {
  const passed = verdicts.filter((v) => v === 'pass').length;
  const judged = verdicts.length;
  const passRate = judged === 0 ? 0 : passed / judged;
  return { judged, passed, failed: judged - passed, passRate, accepted: judged > 0 && passRate >= required };
}
