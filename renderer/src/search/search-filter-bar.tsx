import { useEffect, useState } from 'react';
import type { BusinessTypeSummary, SearchFilters, SearchKind } from '../../../shared/contract';
import { KIND_ORDER } from '../../../shared/search/group-hits';
import { useT } from '../i18n/use-t';
import { schemeName } from '../i18n/scheme-name';
import { reportError } from '../state/action-context';
import { useClient, useDesk, useDeskStore } from '../state/desk-context';
import { withFilter, type FilterKey } from './search-logic';

interface SearchFilterBarProps {
  readonly filters: SearchFilters;
  /** The dossier's title, when the search is narrowed to one (set from a hit, not typed). */
  readonly dossierTitle: string | null;
  readonly onChange: (next: SearchFilters) => void;
}

/** Alt+letter moves the focus to a filter; Tab walks them in this order. */
export const FILTER_KEYS: Readonly<Record<string, FilterKey>> = { k: 'kinds', y: 'business', b: 'batchId', f: 'from', t: 'to' };
export const filterFieldId = (key: FilterKey) => `search-filter-${key}`;

/**
 * Where to look: kind (档案/件/文件/页面), business type, batch and 办理日期 range as plain form
 * controls (keyboard first: Alt+K/Y/B/F/T, then the arrows), and the dossier the search is narrowed
 * to, if any, with a button to widen it again.
 */
export function SearchFilterBar({ filters, dossierTitle, onChange }: SearchFilterBarProps) {
  const t = useT();
  const language = useDesk((s) => s.language);
  const client = useClient();
  const store = useDeskStore();
  const batches = useDesk((s) => s.batches);
  const [businesses, setBusinesses] = useState<readonly BusinessTypeSummary[]>([]);
  useEffect(() => {
    let live = true;
    client.call('business.types', {}).then(
      (types) => live && setBusinesses(types),
      (err: unknown) => reportError({ store }, err),
    );
    return () => {
      live = false;
    };
  }, [client, store]);

  const set = (key: FilterKey, value: string) => onChange(withFilter(filters, key, value));
  const kind = filters.kinds?.length === 1 ? filters.kinds[0]! : '';

  return (
    <div className="search-filters" data-testid="search-filters">
      <label>
        {t('search.filter.kind')}
        <select id={filterFieldId('kinds')} data-testid="search-filter-kind" value={kind} aria-keyshortcuts="Alt+K" onChange={(e) => set('kinds', e.target.value)}>
          <option value="">{t('search.filter.all')}</option>
          {KIND_ORDER.map((k: SearchKind) => (
            <option key={k} value={k}>
              {t(`search.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('search.filter.business')}
        <select id={filterFieldId('business')} data-testid="search-filter-business" value={filters.business ?? ''} aria-keyshortcuts="Alt+Y" onChange={(e) => set('business', e.target.value)}>
          <option value="">{t('search.filter.all')}</option>
          {businesses.map((b) => (
            <option key={b.code} value={b.code}>
              {b.code} {schemeName(b, language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('search.filter.batch')}
        <select id={filterFieldId('batchId')} data-testid="search-filter-batch" value={filters.batchId ?? ''} aria-keyshortcuts="Alt+B" onChange={(e) => set('batchId', e.target.value)}>
          <option value="">{t('search.filter.all')}</option>
          {batches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('search.filter.from')}
        <input id={filterFieldId('from')} type="date" data-testid="search-filter-from" value={filters.from ?? ''} aria-keyshortcuts="Alt+F" onChange={(e) => set('from', e.target.value)} />
      </label>
      <label>
        {t('search.filter.to')}
        <input id={filterFieldId('to')} type="date" data-testid="search-filter-to" value={filters.to ?? ''} aria-keyshortcuts="Alt+T" onChange={(e) => set('to', e.target.value)} />
      </label>
      {filters.dossierId && (
        <button type="button" className="button-quiet" data-testid="search-filter-dossier" onClick={() => set('dossierId', '')}>
          {t('search.filter.inDossier', { title: dossierTitle ?? filters.dossierId })} ✕
        </button>
      )}
    </div>
  );
}
