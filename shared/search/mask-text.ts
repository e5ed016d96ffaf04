import { maskValue } from '../filing/mask-pii';

/**
 * Personal data in free text (OCR, snippets) masked as lists mask it (DOMAIN: ID numbers, bank
 * cards, phones, addresses): numbers by their shape, addresses by the label before them. Runs of
 * digits may be letter-spaced (cards print 6225 8809 …; ID cards space every digit), so a run is
 * digits with single spaces between them; the spaces are kept out of the masked value.
 */
const DIGIT_RUN = /(?<![0-9A-Za-z])[0-9](?: ?[0-9])*(?: ?[Xx])?(?![0-9A-Za-z])/g;
const ADDRESS_LABELS = ['地址', '住址', '坐落'];

/** The address labels, longest first (联系地址 before 地址). */
export const allAddressLabels = (extra: readonly string[] = []): string[] =>
  [...new Set([...extra, ...ADDRESS_LABELS])].sort((a, b) => b.length - a.length);

function maskDigits(run: string): string {
  const digits = run.replace(/ /g, '');
  if (/^[0-9]{17}[0-9Xx]$/.test(digits)) return maskValue(digits, 'idNumber');
  if (/^[0-9]{15}$/.test(digits)) return maskValue(digits, 'idNumber'); // first-generation ID numbers
  if (/^[0-9]{16,19}$/.test(digits)) return maskValue(digits, 'bankCard');
  if (/^1[3-9][0-9]{9}$/.test(digits)) return maskValue(digits, 'mobile');
  return run;
}

/**
 * Mask one line. `addressLabels`: more labels whose value is an address (the scheme's personal
 * text elements, e.g. 联系地址), besides 地址/住址/坐落.
 */
export function maskLine(line: string, addressLabels: readonly string[] = []): string {
  const labels = allAddressLabels(addressLabels);
  let out = line.replace(DIGIT_RUN, maskDigits);
  for (const label of labels) {
    const at = out.indexOf(label);
    if (at < 0) continue;
    const rest = out.slice(at + label.length);
    const m = /^([:：]?\s*)([^\s,，;；。]+)/u.exec(rest);
    if (!m || m[2]!.includes('*')) continue;
    out = out.slice(0, at + label.length) + m[1] + maskValue(m[2]!, 'address') + rest.slice(m[0].length);
  }
  return out;
}
