import type { FieldProposal } from '../contract/ocr';
import { EMPTY_BOXES, MARKS } from '../filing/ticked-boxes';
import { evidence, type Row } from './field-text';
import { round } from './labeled-values';

/** A metadata element whose value is one of the scheme's choices (证件类型, 婚姻状况). */
export interface ChoiceField {
  readonly key: string;
  readonly choices: readonly string[];
  /** Other labels the element is printed under (身份证件类型). */
  readonly aliases?: readonly string[];
}

/** Between a label and what is written after it: a colon, spaces. */
const LABEL_TAIL = /^[:：]?\s*/u;

/** Short forms clerks and forms write for a choice, read as the scheme's own value. */
const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  居民身份证: ['身份证'],
};
/** The choice a labelled 18-digit ID number with a valid check stands for, when nothing else is said. */
const RESIDENT_ID = '居民身份证';
/** Words that say the document is not a resident ID card (another 18-digit card exists). */
const OTHER_DOCUMENTS = /护照|通行证|居留|军官证|港澳|台湾居民/u;

interface Found {
  readonly value: string;
  readonly proposal: FieldProposal;
}

/**
 * Choice elements proposed from a page, each mapped to the scheme's own choice: what is written
 * after the printed label (婚姻状况：已婚), or the one option ticked among the options printed after
 * it (☑已婚 □未婚). Two readings that disagree, two ticks, or printed options with none ticked
 * propose nothing. `idProposals` lets 证件类型 be inferred from a labelled, valid 18-digit ID.
 */
export function findChoices(rows: readonly Row[], fields: readonly ChoiceField[], idProposals: readonly FieldProposal[]): FieldProposal[] {
  return fields.flatMap((field) => {
    const labels = [field.key, ...(field.aliases ?? [])].sort((a, b) => b.length - a.length);
    const found = rows.flatMap((row) => labelPlaces(row, labels).flatMap(({ at, label }) => readAfterLabel(row, at, label, field)));
    const unread = found.some((f) => f === null);
    const read = found.filter((f): f is Found => f !== null);
    const values = new Set(read.map((f) => f.value));
    if (values.size === 1 && !unread) return [read.sort((a, b) => b.proposal.confidence - a.proposal.confidence)[0]!.proposal];
    if (found.length > 0) return []; // the page says something about it that is not one clear choice
    return inferResidentId(rows, field, idProposals);
  });
}

function labelPlaces(row: Row, labels: readonly string[]): Array<{ at: number; label: string }> {
  const hits: Array<{ start: number; at: number; label: string }> = [];
  for (const label of labels) {
    for (let i = row.text.indexOf(label); i >= 0; i = row.text.indexOf(label, i + 1)) {
      if (hits.some((h) => i >= h.start && i < h.at)) continue; // a shorter label inside a longer one
      hits.push({ start: i, at: i + label.length + LABEL_TAIL.exec(row.text.slice(i + label.length))![0].length, label });
    }
  }
  return hits;
}

/** A choice printed at a position (its longest form, short forms included), or null. */
function choiceAt(text: string, at: number, field: ChoiceField): { value: string; length: number } | null {
  const forms = field.choices.flatMap((c) => [c, ...(SHORT_FORMS[c] ?? [])].map((form) => ({ value: c, form })));
  const hit = forms.filter((f) => text.startsWith(f.form, at)).sort((a, b) => b.form.length - a.form.length)[0];
  return hit ? { value: hit.value, length: hit.form.length } : null;
}

/**
 * What follows one printed label: a written choice, or a row of boxed options. Null when the label
 * is followed by options without exactly one tick (the page speaks, but not clearly); nothing when
 * the label stands alone (a heading, or a blank left empty).
 */
function readAfterLabel(row: Row, at: number, label: string, field: ChoiceField): Array<Found | null> {
  const written = choiceAt(row.text, at, field);
  // Options printed as a list with none boxed (未婚 已婚 离异, one circled by pen) are no written value.
  if (written && otherChoiceFollows(row.text, at + written.length, field, written.value)) return [null];
  if (written) {
    const { boxes, confidence } = evidence(row, at, at + written.length);
    return [{ value: written.value, proposal: { field: field.key, value: written.value, raw: row.text.slice(at, at + written.length), confidence: round(confidence * 0.95), boxes, notes: [`标签 label: ${label}`] } }];
  }
  const options = boxedOptions(row, at, field);
  if (options.length < 2) return [];
  const ticked = options.filter((o) => o.ticked);
  if (ticked.length !== 1) return [null];
  const [t] = ticked as [(typeof ticked)[number]];
  const { boxes, confidence } = evidence(row, t.markAt, t.end);
  return [{ value: t.value, proposal: { field: field.key, value: t.value, raw: row.text.slice(t.markAt, t.end), confidence: round(confidence * 0.95), boxes, notes: [`标签 label: ${label}`, `勾选 ticked: ${t.value}`] } }];
}

function otherChoiceFollows(text: string, from: number, field: ChoiceField, value: string): boolean {
  const rest = text.slice(from).split(/[:：]/)[0]!;
  return field.choices.some((c) => c !== value && rest.includes(c));
}

/**
 * The field's choices printed after the label, each with whether a mark stands right before it.
 * An option is boxed when a mark or an empty box stands before it; the row ends at the next printed
 * label of another kind (a colon after words), so 性别：☑男 on the same row is not read.
 */
function boxedOptions(row: Row, from: number, field: ChoiceField): Array<{ value: string; ticked: boolean; markAt: number; end: number }> {
  const out: Array<{ value: string; ticked: boolean; markAt: number; end: number }> = [];
  const text = row.text;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (!MARKS.includes(ch) && !EMPTY_BOXES.includes(ch)) {
      if (/[:：]/.test(ch)) break;
      continue;
    }
    let j = i + 1;
    while (text[j] === ' ') j++;
    const choice = choiceAt(text, j, field);
    if (choice) out.push({ value: choice.value, ticked: MARKS.includes(ch), markAt: i, end: j + choice.length });
  }
  return out;
}

/**
 * 证件类型 when the page gives only the number: an 18-digit ID that passed its check, read next to
 * an ID label, is a resident ID card's, unless the page names another document anywhere.
 */
function inferResidentId(rows: readonly Row[], field: ChoiceField, idProposals: readonly FieldProposal[]): FieldProposal[] {
  if (!field.choices.includes(RESIDENT_ID)) return [];
  const labelled = idProposals.filter((p) => p.notes.some((n) => n.startsWith('标签 label:')));
  const numbers = new Set(labelled.map((p) => p.value));
  if (numbers.size !== 1 || rows.some((r) => OTHER_DOCUMENTS.test(r.text))) return [];
  const best = [...labelled].sort((a, b) => b.confidence - a.confidence)[0]!;
  return [{
    // Nothing printed says the type: no raw text (the number's would carry personal data into a
    // field that is not masked); the boxes point at the number it was inferred from.
    field: field.key, value: RESIDENT_ID, raw: '', boxes: best.boxes, confidence: round(best.confidence * 0.9),
    notes: ['由证件号码推断 inferred from the 18-digit ID number'],
  }];
}
