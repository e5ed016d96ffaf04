/**
 * OCR scoring exactly as ../shared/samples/README.md defines it, so figures compare: NFKC, all
 * whitespace removed from both texts, Levenshtein distance over ground-truth length; an ID
 * number or amount counts as read when it appears verbatim in the normalized text.
 */
export const normalizeForScore = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, '');

export function characterErrorRate(recognized: string, truth: string): number {
  const a = Array.from(normalizeForScore(recognized));
  const b = Array.from(normalizeForScore(truth));
  if (b.length === 0) return a.length === 0 ? 0 : 1;
  return levenshtein(a, b) / b.length;
}

export function readVerbatim(recognized: string, value: string): boolean {
  return normalizeForScore(recognized).includes(normalizeForScore(value));
}

function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
