import type { SearchHit, SearchKind } from '../contract/search-api';

/** Loose hits are listed by kind, the records that gather the most first. */
export const KIND_ORDER: readonly SearchKind[] = ['dossier', 'item', 'document', 'page'];

/**
 * A heading and the hits under it: a dossier with what was found in it (the dossier's own hit
 * first when it matched too), or the hits of one kind that are in no dossier.
 */
export type HitGroup =
  | { readonly by: 'dossier'; readonly key: string; readonly title: string; readonly hits: readonly SearchHit[] }
  | { readonly by: 'kind'; readonly key: string; readonly kind: SearchKind; readonly hits: readonly SearchHit[] };

const dossierOfHit = (hit: SearchHit): { id: string; title: string } | null =>
  hit.kind === 'dossier' ? { id: hit.id, title: hit.title } : hit.dossier;

/**
 * Hits as a list shows them: dossiers first, in the rank of their best hit, each gathering the
 * items, documents and pages found in it; then the rest by kind. Rank order is kept within a group.
 */
export function groupHits(hits: readonly SearchHit[]): HitGroup[] {
  const dossiers = new Map<string, { title: string; hits: SearchHit[] }>();
  const loose: SearchHit[] = [];
  for (const hit of hits) {
    const dossier = dossierOfHit(hit);
    if (!dossier) {
      loose.push(hit);
      continue;
    }
    const group = dossiers.get(dossier.id) ?? { title: dossier.title, hits: [] };
    dossiers.set(dossier.id, group);
    if (hit.kind === 'dossier') group.hits.unshift(hit);
    else group.hits.push(hit);
  }
  const byDossier: HitGroup[] = [...dossiers].map(([id, g]) => ({ by: 'dossier', key: `dossier-${id}`, title: g.title, hits: g.hits }));
  const byKind: HitGroup[] = KIND_ORDER.map((kind) => ({ by: 'kind' as const, key: `kind-${kind}`, kind, hits: loose.filter((h) => h.kind === kind) })).filter(
    (g) => g.hits.length > 0,
  );
  return [...byDossier, ...byKind];
}

/** The hits in the order the list shows them, which is the order the arrow keys walk. */
export const listedOrder = (groups: readonly HitGroup[]): SearchHit[] => groups.flatMap((g) => g.hits);
