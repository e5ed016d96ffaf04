import type { PlainKey, Translate } from './translate';

// Flags are an open record the core may extend; the ones known here get words, others show as
// their raw name so nothing is hidden from the clerk.
const KNOWN: Readonly<Record<string, { readonly label: PlainKey; readonly hint: PlainKey }>> = {
  lowDpi: { label: 'flag.lowDpi', hint: 'flag.lowDpiHint' },
};

export interface FlagText {
  readonly name: string;
  readonly label: string;
  readonly hint: string;
}

/** The flags of a page that are set, in the clerk's language. */
export function flagTexts(t: Translate, flags: Readonly<Record<string, unknown>>): FlagText[] {
  return Object.entries(flags)
    .filter(([, value]) => Boolean(value))
    .map(([name, value]) => {
      const known = Object.prototype.hasOwnProperty.call(KNOWN, name) ? KNOWN[name] : undefined;
      if (known) return { name, label: t(known.label), hint: t(known.hint) };
      const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return { name, label: name, hint: `${name}: ${shown}` };
    });
}
