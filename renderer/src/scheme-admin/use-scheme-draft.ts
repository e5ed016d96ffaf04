import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BusinessTypeSummary, ResponseOf } from '../../../shared/contract';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { applySchemeEdits, type SchemeEdit, type SchemeEditProblem } from '../../../shared/filing/scheme-edit';
import { today } from '../filing/filing-logic';
import { useClient } from '../state/desk-context';

export interface SchemeDraftState {
  readonly base: { readonly version: number; readonly body: SchemeBody } | null;
  readonly versions: ResponseOf<'scheme.versions'>;
  readonly businessTypes: readonly BusinessTypeSummary[];
  readonly edits: readonly SchemeEdit[];
  /** The scheme as it will be saved: the version in force with the edits applied. */
  readonly draft: SchemeBody | null;
  readonly today: string;
}

/** What went wrong last: an edit that cannot apply, or the core refusing the save (its message). */
export type DraftError = { readonly kind: 'edit'; readonly problem: SchemeEditProblem } | { readonly kind: 'save'; readonly failure: unknown } | null;

/**
 * The scheme admin screen's state: the version in force, its history, and the administrator's
 * pending edits. An edit that cannot apply is refused at once with its reason; saving sends the
 * whole edited scheme with the reason, and the core stores it as the next version.
 */
export function useSchemeDraft() {
  const client = useClient();
  const [state, setState] = useState<Omit<SchemeDraftState, 'draft' | 'today'>>({ base: null, versions: [], businessTypes: [], edits: [] });
  const [error, setError] = useState<DraftError>(null);
  const [day] = useState(today);

  const load = useCallback(async () => {
    try {
      const [base, versions, businessTypes] = await Promise.all([client.call('scheme.get', {}), client.call('scheme.versions', {}), client.call('business.types', {})]);
      setState({ base, versions, businessTypes, edits: [] });
    } catch (err) {
      setError({ kind: 'save', failure: err });
    }
  }, [client]);
  useEffect(() => void load(), [load]);

  const draft = useMemo(() => {
    if (!state.base) return null;
    const result = applySchemeEdits(state.base.body, state.edits, day);
    // Only edits that applied are kept, so the list always applies.
    return result.ok ? result.body : state.base.body;
  }, [state.base, state.edits, day]);

  /** Add an edit; false (with the problem shown) when it cannot apply to the draft. */
  const edit = useCallback(
    (next: SchemeEdit): boolean => {
      if (!state.base) return false;
      const edits = [...state.edits, next];
      const result = applySchemeEdits(state.base.body, edits, day);
      if (!result.ok) {
        setError({ kind: 'edit', problem: result.problem });
        return false;
      }
      setError(null);
      setState((s) => ({ ...s, edits }));
      return true;
    },
    [state.base, state.edits, day],
  );

  const undo = useCallback(() => {
    setError(null);
    setState((s) => ({ ...s, edits: s.edits.slice(0, -1) }));
  }, []);

  /** Save the draft as the next scheme version; resolves to the new version number, or null when refused. */
  const save = useCallback(
    async (reason: string): Promise<number | null> => {
      if (!draft) return null;
      try {
        const { version } = await client.call('scheme.save', { body: draft, reason });
        setError(null);
        await load();
        return version;
      } catch (err) {
        setError({ kind: 'save', failure: err });
        return null;
      }
    },
    [client, draft, load],
  );

  const value: SchemeDraftState = { ...state, draft, today: day };
  return { state: value, error, edit, undo, save };
}

export type SchemeDraft = ReturnType<typeof useSchemeDraft>;
