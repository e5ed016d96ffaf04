import type { PageSummary } from '../../../shared/contract';
import type { Translate } from '../i18n/translate';

/**
 * A filed item is closed: the core refuses every change to its pages. The page-edit keys and
 * buttons say so before asking, in one line with the 档号, instead of letting the core's refusal
 * arrive as an error about internals.
 */
export function filedPageReason(t: Translate, page: Pick<PageSummary, 'seq' | 'filing'> | undefined): string | null {
  if (!page?.filing?.filed) return null;
  return t('pageEdit.filed', { seq: page.seq, code: page.filing.archivalCode ?? '' });
}

/** The same for a page that would join a filed document (merge into it, move or drop onto it). */
export function filedTargetReason(t: Translate, target: Pick<PageSummary, 'filing'> | undefined): string | null {
  if (!target?.filing?.filed) return null;
  return t('pageEdit.filedTarget', { code: target.filing.archivalCode ?? '' });
}
