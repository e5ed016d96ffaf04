import type { CheckAspect, CheckResult } from '../../../shared/contract';
import { bilingual, checkWords, findingWords, type CheckFigures, type CheckId, type Finding } from '../../../shared/transfer/check-words';

/** A failed check lists this many of its findings; the count in its message says how many there were. */
const SHOWN_FINDINGS = 20;

/**
 * One check's result, its words from the shared table: passed when nothing was found. `n` (how
 * many were found) is always among the figures, so the failure words can count all of them.
 */
export function checkResult(aspect: CheckAspect, id: CheckId, findings: readonly Finding[], figures: CheckFigures = {}): CheckResult {
  const ok = findings.length === 0;
  const all = { ...figures, n: findings.length };
  const shown = findings.slice(0, SHOWN_FINDINGS);
  return {
    aspect,
    id,
    ok,
    message: bilingual(checkWords(id, ok, all)!),
    figures: all,
    subjects: shown.map((f) => findingWords(f)!.en),
    findings: shown.map((f) => ({ code: f.code, figures: f.figures })),
  };
}
