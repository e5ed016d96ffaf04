import { useEffect, useState } from 'react';
import type { BusinessTypeSummary } from '../../../shared/contract';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { reportError } from '../state/action-context';
import { useClient, useDesk, useDeskStore } from '../state/desk-context';

export interface SchemeData {
  readonly scheme: SchemeBody | null;
  readonly businessTypes: readonly BusinessTypeSummary[];
}

const NONE: SchemeData = { scheme: null, businessTypes: [] };

/**
 * The scheme in force and its business types. The administrator may save a new version (F9), so
 * both are read again whenever that screen closes.
 */
export function useScheme(): SchemeData {
  const client = useClient();
  const store = useDeskStore();
  const [data, setData] = useState<SchemeData>(NONE);
  const adminOpen = useDesk((s) => s.dialog === 'scheme-admin');
  useEffect(() => {
    if (adminOpen) return;
    let live = true;
    void (async () => {
      try {
        const [scheme, businessTypes] = await Promise.all([client.call('scheme.get', {}), client.call('business.types', {})]);
        if (live) setData({ scheme: scheme.body, businessTypes });
      } catch (err) {
        reportError({ store }, err);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, store, adminOpen]);
  return data;
}
