import { retentionUntil } from './archival-code';
import { eventOf, findBusiness, retentionOf, type RetentionCode, type RetentionStart, type SchemeBody } from './scheme';

/** A filed item of a dossier as retention reads it, in the dossier's order. */
export interface DossierEntry {
  readonly business: string;
  readonly businessDate: string;
}

export interface DossierRetention {
  readonly code: RetentionCode;
  readonly from: RetentionStart;
  /** The day the period started; null while its event has not been filed (a loan before 结清). */
  readonly startsOn: string | null;
  /** The last day to keep; null before the start or when kept permanently. */
  readonly until: string | null;
}

/**
 * A dossier's retention under the scheme: the business that opened it decides the period and
 * when it starts. From filing, it runs from the latest item's business date; from settlement or
 * closing, from the business date of the first filed item recording that event (结清, 销户), so
 * filing that item is what starts the clock. Null for a dossier with no item of a known business.
 */
export function dossierRetention(scheme: SchemeBody, entries: readonly DossierEntry[]): DossierRetention | null {
  const opening = entries[0] && findBusiness(scheme, entries[0].business);
  if (!opening) return null;
  const { code, from } = retentionOf(scheme, opening);
  const startsOn =
    from === 'filing'
      ? (entries[entries.length - 1]?.businessDate ?? null)
      : (entries.find((e) => {
          const business = findBusiness(scheme, e.business);
          return business !== undefined && eventOf(business) === from;
        })?.businessDate ?? null);
  return { code, from, startsOn, until: retentionUntil(code, startsOn) };
}
