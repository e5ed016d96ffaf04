/**
 * Linking image files to catalogue rows (数据挂接) by a naming rule: a template over the file's
 * path below the image folder, without extension, e.g. `{档号}-{页号}` (J017-GJJ·2003-D30-TQ-0001-0002.jpg),
 * `{档号}/{页号}` (one folder per item) or `{档号}` (one multi-page file per item). The one element
 * placeholder is the key looked up in the rows; `{页号}` orders an item's files. Folders above
 * what the rule names are free (a box or year folder).
 */

export interface NamingRule {
  readonly template: string;
  /** Path segments the rule covers (file name: 1; `{档号}/{页号}`: 2); folders above them are free. */
  readonly segments: number;
  readonly field: string;
  readonly hasPageNo: boolean;
  readonly pattern: RegExp;
}

const PAGE_NO = new Set(['页号', 'page', 'seq']);

export function compileRule(template: string): NamingRule {
  const parts = template.trim().split(/(\{[^{}]+\})/).filter((p) => p !== '');
  let field: string | null = null;
  let hasPageNo = false;
  const source = parts
    .map((p) => {
      const name = /^\{([^{}]+)\}$/.exec(p)?.[1]?.trim();
      if (name === undefined) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (PAGE_NO.has(name)) {
        if (hasPageNo) throw new Error(`命名规则中页号只能出现一次 / {页号} appears twice in ${template}`);
        hasPageNo = true;
        return '(?<page>\\d+)';
      }
      if (field !== null) throw new Error(`命名规则只能有一个关键著录项 / one key element only in ${template}`);
      field = name;
      return '(?<key>.+?)';
    })
    .join('');
  if (field === null) throw new Error(`命名规则须含一个著录项，如 {档号} / the rule needs a key element, e.g. {档号}: ${template}`);
  return { template, field, hasPageNo, segments: template.split('/').length, pattern: new RegExp(`^${source}$`, 'u') };
}

/** Keys compared as people mean them: NFKC, trimmed, middle dots unified. */
export const normalizeKey = (s: string): string => s.normalize('NFKC').trim().replace(/[•・‧∙]/g, '·');

/** The last `segments` parts of a path, without the file's extension. */
const stem = (relPath: string, segments: number): string =>
  relPath.replace(/\\/g, '/').replace(/\.[^./]+$/, '').split('/').slice(-segments).join('/');

export interface LinkPlan {
  /** Rows with their files in page order. */
  readonly matches: ReadonlyArray<{ readonly rowNo: number; readonly files: readonly string[] }>;
  readonly unmatchedRows: readonly number[];
  readonly unmatchedFiles: readonly string[];
  /** Keys that more than one row carries: their files are not linked to either. */
  readonly duplicateKeys: readonly string[];
}

/** Match files (paths relative to the image folder) to rows by the rule; report both sides' leftovers. */
export function planLinks(rows: ReadonlyArray<{ readonly rowNo: number; readonly key: string | null }>, files: readonly string[], rule: NamingRule): LinkPlan {
  const rowsByKey = new Map<string, number[]>();
  for (const r of rows) if (r.key) rowsByKey.set(normalizeKey(r.key), [...(rowsByKey.get(normalizeKey(r.key)) ?? []), r.rowNo]);
  const duplicateKeys = [...rowsByKey].filter(([, nos]) => nos.length > 1).map(([k]) => k);
  const filesByRow = new Map<number, Array<{ file: string; page: number }>>();
  const unmatchedFiles: string[] = [];
  for (const file of files) {
    const m = rule.pattern.exec(stem(file, rule.segments));
    const nos = m?.groups?.key !== undefined ? rowsByKey.get(normalizeKey(m.groups.key)) : undefined;
    if (!m || !nos || nos.length !== 1) {
      unmatchedFiles.push(file);
      continue;
    }
    const list = filesByRow.get(nos[0]!) ?? [];
    list.push({ file, page: m.groups?.page !== undefined ? Number(m.groups.page) : 0 });
    filesByRow.set(nos[0]!, list);
  }
  const matches = rows
    .filter((r) => filesByRow.has(r.rowNo))
    .map((r) => ({ rowNo: r.rowNo, files: filesByRow.get(r.rowNo)!.sort((a, b) => a.page - b.page || a.file.localeCompare(b.file)).map((f) => f.file) }));
  return { matches, unmatchedRows: rows.filter((r) => !filesByRow.has(r.rowNo)).map((r) => r.rowNo), unmatchedFiles, duplicateKeys };
}
