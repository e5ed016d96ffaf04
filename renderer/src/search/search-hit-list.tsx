import type { SearchHit } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import type { HitGroup } from '../../../shared/search/group-hits';
import { snippetParts } from './search-logic';

interface SearchHitListProps {
  readonly listId: string;
  readonly groups: readonly HitGroup[];
  readonly active: SearchHit | null;
  readonly onOpen: (hit: SearchHit) => void;
}

export const hitOptionId = (listId: string, hit: SearchHit) => `${listId}-${hit.kind}-${hit.id}`;

/**
 * The hits under their dossiers, then the rest by kind, each with its title and masked snippet,
 * the matched terms marked.
 */
export function SearchHitList({ listId, groups, active, onOpen }: SearchHitListProps) {
  const t = useT();
  return (
    <div id={listId} role="listbox" aria-label={t('search.title')} className="search-results" data-testid="search-results">
      {groups.map((group) => (
        <div key={group.key} role="group" aria-labelledby={`${listId}-${group.key}`} className="search-group" data-testid="search-group" data-by={group.by}>
          <h3 id={`${listId}-${group.key}`} className="search-group-title">
            {group.by === 'dossier' ? t('search.inDossier', { title: group.title }) : t(`search.kind.${group.kind}`)} <span className="muted">{group.hits.length}</span>
          </h3>
          {group.hits.map((hit) => {
            const selected = active !== null && active.kind === hit.kind && active.id === hit.id;
            return (
              <div
                key={hit.id}
                id={hitOptionId(listId, hit)}
                role="option"
                aria-selected={selected}
                className={selected ? 'search-hit is-active' : 'search-hit'}
                data-testid="search-hit"
                data-kind={hit.kind}
                data-id={hit.id}
                // Keyboard use goes through the input's arrows and Enter; the mouse may click.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onOpen(hit)}
              >
                <div className="search-hit-title">{hit.title}</div>
                <div className="search-hit-snippet" data-testid="search-snippet">
                  {snippetParts(hit.snippet, hit.highlights).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
