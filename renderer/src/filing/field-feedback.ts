import { amountInWords } from '../../../shared/fields/amount-words';
import { parseAmountFigures } from '../../../shared/fields/amounts';
import { fieldChecks } from '../../../shared/fields/field-checks';
import { validateFields } from '../../../shared/filing/metadata-rules';
import type { MetadataField, SchemeBody } from '../../../shared/filing/scheme';

/**
 * What the item form says about the values as keyed, before anything is sent: the same rules the
 * core applies when filing (GB 11643 check character, capitals against figures…), so the clerk
 * sees a wrong ID number on its field when leaving it, and the message goes as soon as it is fixed.
 * Only fields the clerk has left are judged: a half-typed ID number is not yet wrong.
 */
export function fieldProblems(
  scheme: SchemeBody,
  values: Readonly<Record<string, string>>,
  left: ReadonlySet<string>,
  language: 'zh' | 'en',
): Record<string, string> {
  const keyed = Object.fromEntries(Object.entries(values).filter(([key]) => left.has(key)));
  // The capitals are checked against the figures even when only the capitals' field was left.
  for (const f of scheme.fields) {
    if (f.agreesWith && left.has(f.key) && values[f.agreesWith] !== undefined) keyed[f.agreesWith] = values[f.agreesWith]!;
  }
  const { problems } = validateFields(scheme, keyed, fieldChecks);
  return Object.fromEntries(problems.filter((p) => left.has(p.field)).map((p) => [p.field, p.message[language]]));
}

/**
 * The 金额大写 the form proposes from the keyed 金额 (壹万贰仟叁佰元整 for 12300), for each
 * amount-in-words field on the form whose figures field holds a readable amount.
 */
export function amountWordsProposals(fields: readonly MetadataField[], values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    fields.flatMap((f) => {
      const fen = f.type === 'amountWords' && f.agreesWith ? parseAmountFigures(values[f.agreesWith] ?? '') : null;
      const words = fen === null ? null : amountInWords(fen);
      return words === null ? [] : [[f.key, words]];
    }),
  );
}
