import type { PlainKey, Translate } from './translate';

// Flags are an open record the core may extend; the ones known here get words, others show as
// their raw name so nothing is hidden from the clerk.
const KNOWN: Readonly<Record<string, { readonly label: PlainKey; readonly hint: PlainKey; readonly details?: readonly string[] }>> = {
  lowDpi: { label: 'flag.lowDpi', hint: 'flag.lowDpiHint' },
  lowDpiForOcr: { label: 'flag.lowDpiForOcr', hint: 'flag.lowDpiForOcrHint' },
  blank: { label: 'flag.blank', hint: 'flag.blankHint', details: ['inkCoverage'] },
  renderSuspect: { label: 'flag.renderSuspect', hint: 'flag.renderSuspectHint' },
  reducedResolution: { label: 'flag.reducedResolution', hint: 'flag.reducedResolutionHint' },
  duplicateOf: { label: 'flag.duplicate', hint: 'flag.duplicateHint', details: ['duplicateOf', 'duplicateMatch', 'duplicateSimilarity'] },
};

/** Values that explain a known flag: shown in its hint, not as flags of their own. */
const DETAIL_NAMES = new Set(Object.values(KNOWN).flatMap((k) => k.details ?? []));

export interface FlagText {
  readonly name: string;
  readonly label: string;
  readonly hint: string;
}

/** The flags of a page that are set, in the clerk's language. */
export function flagTexts(t: Translate, flags: Readonly<Record<string, unknown>>): FlagText[] {
  return Object.entries(flags)
    .filter(([name, value]) => Boolean(value) && (Object.prototype.hasOwnProperty.call(KNOWN, name) || !DETAIL_NAMES.has(name)))
    .map(([name, value]) => {
      const known = Object.prototype.hasOwnProperty.call(KNOWN, name) ? KNOWN[name] : undefined;
      if (known) {
        const details = (known.details ?? []).filter((d) => flags[d] !== undefined).map((d) => `${d}: ${String(flags[d])}`);
        return { name, label: t(known.label), hint: details.length ? `${t(known.hint)} (${details.join(', ')})` : t(known.hint) };
      }
      const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return { name, label: name, hint: `${name}: ${shown}` };
    });
}
