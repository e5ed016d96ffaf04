import { useCallback, useEffect, useState } from 'react';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { useClient } from '../state/desk-context';
import { schemeName } from './scheme-name';
import { useLanguage } from './use-t';

export interface SchemeNames {
  readonly business: (code: string) => string;
  readonly material: (code: string) => string;
  /** A metadata element by its key (its Chinese name, what records carry). */
  readonly field: (key: string) => string;
}

type Named = ReadonlyMap<string, { readonly name: string; readonly nameEn: string }>;

/**
 * Business and material types (and metadata elements) by their names in the UI's language, for lists that carry only
 * codes (or Chinese keys) (the facts behind a stats figure, a dossier's items, a filed item's documents). Until the
 * scheme arrives, or if it cannot be read, a list shows the code: the name is a courtesy there,
 * the code is never wrong.
 */
export function useSchemeNames(): SchemeNames {
  const client = useClient();
  const language = useLanguage();
  const [names, setNames] = useState<{ businesses: Named; materials: Named; fields: Named }>({ businesses: new Map(), materials: new Map(), fields: new Map() });
  useEffect(() => {
    let live = true;
    client.call('scheme.get', {}).then(
      ({ body }: { body: SchemeBody }) =>
        live &&
        setNames({
          businesses: new Map(body.businessTypes.map((b) => [b.code, b])),
          materials: new Map(body.materialTypes.map((m) => [m.code, m])),
          fields: new Map(body.fields.map((f) => [f.key, { name: f.key, nameEn: f.nameEn }])),
        }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  const named = useCallback((list: Named, code: string) => {
    const entry = list.get(code);
    return entry ? schemeName(entry, language) : code;
  }, [language]);
  return {
    business: useCallback((code: string) => named(names.businesses, code), [named, names.businesses]),
    material: useCallback((code: string) => named(names.materials, code), [named, names.materials]),
    field: useCallback((key: string) => named(names.fields, key), [named, names.fields]),
  };
}
