import type { ResponseOf } from '../../../shared/contract';
import { QC_REASONS, type QcReason } from '../../../shared/filing/review';

/** The back office's screen logic, pure so it is tested without a DOM. */

type QcSample = ResponseOf<'qc.get'>;
type Comparison = ResponseOf<'keying.compare'>;
type SplitResult = ResponseOf<'batches.split'>;

/** The nine DA/T 31 reasons, one digit each (1 漏扫 … 9 其他), in the core's order. */
export const QC_REASON_KEYS: ReadonlyArray<{ readonly key: string; readonly reason: QcReason }> = QC_REASONS.map((reason, i) => ({ key: String(i + 1), reason }));

export type QcKeyAction =
  | { readonly type: 'pass' }
  | { readonly type: 'fail'; readonly reason: QcReason }
  | { readonly type: 'step'; readonly delta: 1 | -1 }
  | { readonly type: 'decide' }
  | { readonly type: 'rescans' };

/** One key per verdict while stepping through the sample: P or Space passes, 1–9 rejects with that reason. */
export function qcKey(key: string): QcKeyAction | null {
  const k = key.length === 1 ? key.toLowerCase() : key;
  const reason = QC_REASON_KEYS.find((r) => r.key === k)?.reason;
  if (reason) return { type: 'fail', reason };
  switch (k) {
    case 'p':
    case ' ':
      return { type: 'pass' };
    case 'ArrowRight':
    case 'PageDown':
    case 'j':
      return { type: 'step', delta: 1 };
    case 'ArrowLeft':
    case 'PageUp':
    case 'k':
      return { type: 'step', delta: -1 };
    case 'd':
      return { type: 'decide' };
    case 'r':
      return { type: 'rescans' };
    default:
      return null;
  }
}

/** Where to go after a verdict: the next page without one (wrapping round), or -1 when all are judged. */
export function nextOpenIndex(pages: QcSample['pages'], from: number): number {
  for (let step = 1; step <= pages.length; step++) {
    const i = (from + step) % pages.length;
    if (pages[i]?.verdict === null) return i;
  }
  return -1;
}

/** A rate typed as a percentage ("5", "5 %", "12.5%") → 0.05…1, or null below the 5 % floor, above 100 % or not a number. */
export function parsePercent(text: string, floor = 5): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  return value >= floor && value <= 100 ? value / 100 : null;
}

export const formatPercent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/**
 * What the double-entry screen does next for an item: key pass 1 or 2 (whichever is missing, so
 * the second keyer never needs the first's screen), resolve the differences, or nothing left.
 */
export type KeyingStep = { readonly kind: 'key'; readonly pass: 1 | 2 } | { readonly kind: 'resolve' } | { readonly kind: 'done' };

export function keyingStep(comparison: Comparison): KeyingStep {
  if (comparison.state !== 'waiting') return comparison.state === 'resolved' ? { kind: 'done' } : { kind: 'resolve' };
  return { kind: 'key', pass: comparison.keyed.includes(1) ? 2 : 1 };
}

/** The chosen value per difference (a pick of either side or a typed one); null until every one is set. */
export function resolvedChoices(differences: ReadonlyArray<{ readonly field: string }>, picks: Readonly<Record<string, string>>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const d of differences) {
    const value = picks[d.field]?.trim();
    if (value === undefined || value === '') return null;
    out[d.field] = value;
  }
  return out;
}

/** Only what was keyed: empty inputs are not values (a blank field is a difference if the other keyer filled it). */
export const keyedValues = (values: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()] as const).filter(([, v]) => v !== ''));

export interface SplitWarning {
  readonly item: string;
  readonly key: string | null;
  readonly problem: SplitResult['items'][number]['problems'][number];
}

/** Every item's problems as one list, so the archivist sees all page-count mismatches at once. */
export const splitWarnings = (result: SplitResult): SplitWarning[] =>
  result.items.flatMap((item) => item.problems.map((problem) => ({ item: item.item, key: item.key, problem })));

/** Column → element, with the column dropped when mapped to nothing (the core's `null`). */
export function remap(mapping: Readonly<Record<string, string | null>>, column: string, element: string): Record<string, string | null> {
  return { ...mapping, [column]: element === '' ? null : element };
}

/** Elements a catalogue column may fill: every element of the scheme, in its order, each only once. */
export function mappingTargets(elements: readonly string[], mapping: Readonly<Record<string, string | null>>, column: string): string[] {
  const takenElsewhere = new Set(Object.entries(mapping).filter(([c, e]) => c !== column && e !== null).map(([, e]) => e));
  return elements.filter((e) => !takenElsewhere.has(e));
}
