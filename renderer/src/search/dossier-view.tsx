import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Dossier } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { useSchemeNames } from '../i18n/use-scheme-names';
import { stepActive } from './search-logic';

interface DossierViewProps {
  readonly dossier: Dossier;
  readonly onBack: () => void;
  readonly onOpenItem: (itemId: string) => void;
}

/** A dossier found by search: its keys (masked) and its items by 档号; Enter opens the chosen item. */
export function DossierView({ dossier, onBack, onOpenItem }: DossierViewProps) {
  const t = useT();
  const businessName = useSchemeNames().business;
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => list.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const item = dossier.items[active];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setActive((i) => stepActive(i, e.key === 'ArrowDown' ? 1 : -1, dossier.items.length));
    else if (e.key === 'Enter' && item) onOpenItem(item.item);
    else if (e.key === 'Backspace') onBack();
    else return;
    e.preventDefault();
  };

  return (
    <div className="search-dossier" data-testid="search-dossier">
      <button type="button" className="button-quiet" onClick={onBack}>
        {t('search.dossier.back')}
      </button>
      <h3>{dossier.title}</h3>
      <p className="muted">
        {t('search.dossier.keys')}：{dossier.keys.map((k) => `${k.field} ${k.value}`).join(' · ')}
      </p>
      {dossier.items.length === 0 ? (
        <p className="muted">{t('search.dossier.empty')}</p>
      ) : (
        <div
          ref={list}
          role="listbox"
          tabIndex={0}
          aria-label={t('search.dossier.items')}
          aria-activedescendant={`dossier-item-${dossier.items[active]?.item ?? ''}`}
          className="search-results"
          onKeyDown={onKeyDown}
        >
          {dossier.items.map((item, i) => (
            <div
              key={item.item}
              id={`dossier-item-${item.item}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-hit is-active' : 'search-hit'}
              data-testid="search-dossier-item"
              onClick={() => onOpenItem(item.item)}
            >
              <div className="search-hit-title">{item.archivalCode}</div>
              <div className="search-hit-snippet" title={item.business}>
                {businessName(item.business)} · {item.businessDate}
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
