import { validateFields, type FieldChecks, type FieldProblem } from './metadata-rules';
import type { SchemeBody } from './scheme';

/**
 * Old catalogues (目录, usually Excel or CSV) as rows of metadata: column mapping, row checks.
 * Pure: the station reads the file, this decides what each row says.
 */

/** Parse CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF); blank lines dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.some((x) => x.trim() !== '')) rows.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) rows.push(row);
  return rows;
}

/** Columns the catalogue maps onto: a metadata element, or nothing (ignored). */
export type ColumnMapping = Readonly<Record<string, string | null>>;

const squash = (s: string) => s.normalize('NFKC').replace(/[\s（）()：:*]/g, '').toLowerCase();

/** A first guess at the mapping from header names: element names and their aliases. */
export function suggestMapping(headers: readonly string[], scheme: SchemeBody): ColumnMapping {
  const byName = new Map<string, string>();
  for (const f of scheme.fields) for (const name of [f.key, ...f.aliases]) byName.set(squash(name), f.key);
  const taken = new Set<string>();
  return Object.fromEntries(
    headers.map((h) => {
      const key = byName.get(squash(h));
      if (!key || taken.has(key)) return [h, null];
      taken.add(key);
      return [h, key];
    }),
  );
}

export interface CatalogueRow {
  /** 1-based, counting the header as row 1 (as a spreadsheet shows it). */
  readonly rowNo: number;
  readonly business: string | null;
  readonly businessDate: string | null;
  readonly archivalCode: string | null;
  readonly expectedPages: number | null;
  /** Keyed metadata (valid values only). */
  readonly fields: Readonly<Record<string, string>>;
  readonly problems: FieldProblem[];
}

/** Catalogue columns that are item facts rather than keyed elements. */
const ITEM_COLUMNS = new Set(['业务类型', '办理日期', '档号', '页数']);

/** What one row says, checked as keyed metadata; the business may be named by code or name. */
export function readRow(scheme: SchemeBody, checks: FieldChecks, headers: readonly string[], mapping: ColumnMapping, cells: readonly string[], rowNo: number): CatalogueRow {
  const raw: Record<string, string> = {};
  headers.forEach((h, i) => {
    const key = mapping[h];
    const value = (cells[i] ?? '').trim();
    if (key && value !== '') raw[key] = value;
  });
  const problems: FieldProblem[] = [];
  const note = (field: string, zh: string, en: string) => problems.push({ field, message: { zh: `${field}：${zh}`, en: `${field}: ${en}` } });
  let business: string | null = null;
  if (raw['业务类型']) {
    const found = scheme.businessTypes.find((b) => b.code === raw['业务类型'] || b.name === raw['业务类型'] || `${scheme.classes.find((c) => c.code === b.class)?.name}·${b.name}` === raw['业务类型']);
    if (found) business = found.code;
    else note('业务类型', `方案中没有“${raw['业务类型']}”`, `no business “${raw['业务类型']}” in the scheme`);
  }
  let businessDate: string | null = null;
  if (raw['办理日期']) {
    const d = checks.date(raw['办理日期']);
    if (d.ok) businessDate = d.value;
    else note('办理日期', d.message.zh, d.message.en);
  }
  const pages = raw['页数'] ? Number(raw['页数']) : null;
  if (pages !== null && !(Number.isInteger(pages) && pages > 0)) note('页数', '应为正整数', 'must be a positive whole number');
  const keyed = Object.fromEntries(Object.entries(raw).filter(([k]) => !ITEM_COLUMNS.has(k)));
  const verdict = validateFields(scheme, keyed, checks);
  return {
    rowNo,
    business,
    businessDate,
    archivalCode: raw['档号'] ?? null,
    expectedPages: pages !== null && Number.isInteger(pages) && pages > 0 ? pages : null,
    fields: verdict.values,
    problems: [...problems, ...verdict.problems],
  };
}
