import type { SearchFilters, SearchKind } from '../../../shared/contract/search-api';

/** A SQL condition on the index's record map (`d`, a row of search_docs) and its parameters. */
export interface Scope {
  readonly where: string;
  readonly params: readonly string[];
}

const KINDS: readonly SearchKind[] = ['page', 'document', 'item', 'dossier'];

/**
 * How each kind of record reaches the facts the filters ask about: its batch column and the items
 * it belongs to (`i`, joined so that a record outside any item finds no row where an item is
 * required). Each is a lookup by primary key from the record, so the cost per match is constant.
 */
const REACH: Record<SearchKind, { readonly from: string; readonly batch: string; readonly dossier: string }> = {
  page: {
    from: 'pages p JOIN documents doc ON doc.id = p.document_id LEFT JOIN items i ON i.id = doc.item_id WHERE p.id = d.ref',
    batch: 'p.batch_id',
    dossier: 'i.dossier_id',
  },
  document: { from: 'documents doc LEFT JOIN items i ON i.id = doc.item_id WHERE doc.id = d.ref', batch: 'doc.batch_id', dossier: 'i.dossier_id' },
  item: { from: 'items i WHERE i.id = d.ref', batch: 'i.batch_id', dossier: 'i.dossier_id' },
  // A dossier stands for its items: it qualifies when one of them does.
  dossier: { from: 'dossier_items di JOIN items i ON i.id = di.item_id WHERE di.dossier_id = d.ref', batch: 'i.batch_id', dossier: 'di.dossier_id' },
};

/** The conditions of one kind's branch, in a fixed order (no SQL is built from input). */
function branch(kind: SearchKind, f: SearchFilters): Scope | null {
  const r = REACH[kind];
  const conds: string[] = [];
  const params: string[] = [];
  const add = (cond: string, value: string | undefined) => {
    if (value === undefined) return;
    conds.push(cond);
    params.push(value);
  };
  add(`${r.batch} = ?`, f.batchId);
  add('i.business = ?', f.business);
  add('i.business_date >= ?', f.from);
  add('i.business_date <= ?', f.to);
  add(`${r.dossier} = ?`, f.dossierId);
  if (conds.length === 0) return null;
  return { where: `EXISTS (SELECT 1 FROM ${r.from} AND ${conds.join(' AND ')})`, params };
}

/**
 * The filters as one condition on `d`, evaluated for every match inside the query that counts
 * and ranks them (never on a capped list), or null when nothing is filtered.
 */
export function scopeOf(f: SearchFilters): Scope | null {
  const kinds = f.kinds ? KINDS.filter((k) => f.kinds!.includes(k)) : KINDS;
  const branches = kinds.map((kind) => ({ kind, scope: branch(kind, f) }));
  if (branches.every((b) => b.scope === null)) {
    return kinds.length === KINDS.length ? null : { where: `d.kind IN (${kinds.map((k) => `'${k}'`).join(', ')})`, params: [] };
  }
  const cases = branches.map(({ kind, scope }) => `WHEN '${kind}' THEN ${scope ? scope.where : '1'}`);
  // Kinds not asked for fall through to ELSE 0.
  return { where: `(CASE d.kind ${cases.join(' ')} ELSE 0 END)`, params: branches.flatMap((b) => b.scope?.params ?? []) };
}
