import type { BusinessTypeSummary, ChecklistCheck } from '../../../shared/contract';
import { schemeName } from '../i18n/scheme-name';
import type { Language } from '../i18n/translate';

/**
 * Business types matching what the clerk typed: every word (space or · separated) must occur in
 * the class, name or code, so 「提取 购」, 「购房」 and 「tq-gf」 all find 提取 · 购买自住住房 (and
 * 「purchase」 finds it by its English name).
 */
export function matchBusinesses(types: readonly BusinessTypeSummary[], filter: string): BusinessTypeSummary[] {
  const words = filter.toLowerCase().split(/[\s·]+/).filter((w) => w !== '');
  return types.filter((b) => {
    const text = `${b.className}${b.name}${b.code} ${b.classNameEn} ${b.nameEn}`.toLowerCase();
    // Chinese may be keyed by its characters in any order (购房); an English word must match as typed.
    return words.every((w) => text.includes(w) || (/[\u4e00-\u9fff]/.test(w) && [...w].every((c) => text.includes(c))));
  });
}

/** Today on the station's calendar, as a business date. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The materials a page can be, numbered for the keyboard: the checklist's first (1…9), in its order. */
export function materialChoices(check: ChecklistCheck, language: Language): Array<{ key: string | null; code: string; name: string }> {
  return check.lines.map((l, i) => ({ key: i < 9 ? String(i + 1) : null, code: l.material, name: schemeName(l, language) }));
}

/** Names of the missing materials, as the counter says them. */
export const missingNames = (check: ChecklistCheck, language: Language): string[] => check.lines.filter((l) => check.missing.includes(l.material)).map((l) => schemeName(l, language));
