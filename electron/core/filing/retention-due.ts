import { dossierRetention, type DossierEntry, type DossierRetention } from '../../../shared/filing/retention';
import type { SchemeBody } from '../../../shared/filing/scheme';
import type { Db } from '../store/open-database';

/** A dossier whose retention ends by the date asked: a candidate for the centre's appraisal (鉴定). */
export interface DueDossier extends DossierRetention {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly items: number;
  readonly until: string;
}

/**
 * Dossiers whose retention ends before `before` (YYYY-MM-DD), soonest first. The station only
 * lists them: appraisal and destruction are the centre's, with approvals and a register.
 */
export function retentionDue(db: Db, scheme: SchemeBody, before: string): DueDossier[] {
  const rows = db
    .prepare(
      `SELECT k.id, k.kind, k.title, i.business, i.business_date
       FROM dossiers k JOIN dossier_items d ON d.dossier_id = k.id JOIN items i ON i.id = d.item_id
       ORDER BY k.id, d.seq`,
    )
    .all() as Array<{ id: string; kind: string; title: string; business: string; business_date: string }>;
  const dossiers = new Map<string, { kind: string; title: string; entries: DossierEntry[] }>();
  for (const r of rows) {
    const d = dossiers.get(r.id) ?? { kind: r.kind, title: r.title, entries: [] };
    d.entries.push({ business: r.business, businessDate: r.business_date });
    dossiers.set(r.id, d);
  }
  const due: DueDossier[] = [];
  for (const [id, d] of dossiers) {
    const retention = dossierRetention(scheme, d.entries);
    if (!retention || retention.until === null || retention.until >= before) continue;
    due.push({ ...retention, until: retention.until, id, kind: d.kind, title: d.title, items: d.entries.length });
  }
  return due.sort((a, b) => a.until.localeCompare(b.until) || a.id.localeCompare(b.id));
}
