import { useCallback, useState } from 'react';
import { thrownText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useDesk } from '../state/desk-context';

/**
 * A back-office screen's calls: one at a time, with the failure kept for the screen to show in
 * place (the archivist is looking at the form, not at the notice bar).
 */
export function useCall() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, fail: setError };
}

/** The failure of the last call: its kind in words, then the core's own message in the clerk's language. */
export function CallError({ error }: { readonly error: unknown }) {
  const t = useT();
  const language = useDesk((s) => s.language);
  if (error === null || error === undefined) return null;
  const text = thrownText(t, error, language);
  return (
    <p className="field-error" role="alert" data-testid="backfile-error">
      {text}
    </p>
  );
}
