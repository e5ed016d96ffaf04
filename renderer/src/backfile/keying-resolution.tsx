import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { resolvedChoices } from './backfile-logic';

type Ready = Extract<ResponseOf<'keying.compare'>, { state: 'ready' | 'resolved' }>;

interface Props {
  readonly comparison: Ready;
  readonly busy: boolean;
  readonly onResolve: (choices: Record<string, string>) => Promise<void>;
}

/**
 * Both passes side by side, differences only to decide: each row takes the first keyer's value
 * (Alt+1), the second's (Alt+2) or a value typed over them; agreed elements are listed below.
 */
export function KeyingResolution({ comparison, busy, onResolve }: Props) {
  const t = useT();
  const [picks, setPicks] = useState<Record<string, string>>({});
  const choices = resolvedChoices(comparison.differences, picks);
  const resolved = comparison.state === 'resolved';
  const take = (field: string, value: string | null) => setPicks((p) => ({ ...p, [field]: value ?? '' }));
  const onKeyDown = (e: KeyboardEvent, d: Ready['differences'][number]) => {
    if (!e.altKey || (e.key !== '1' && e.key !== '2')) return;
    e.preventDefault();
    take(d.field, e.key === '1' ? d.first : d.second);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choices) void onResolve(choices);
  };
  const [first, second] = comparison.keyers;
  return (
    <form className="backfile-keying" data-testid="keying-resolution" onSubmit={submit} noValidate>
      <h3>{resolved ? t('backfile.entry.resolvedTitle') : t('backfile.entry.resolveTitle', { count: comparison.differences.length })}</h3>
      {!resolved && <p className="muted">{t('backfile.entry.resolveHint')}</p>}
      {comparison.differences.length > 0 && !resolved && (
        <table className="backfile-table">
          <thead>
            <tr>
              <th>{t('backfile.entry.col.field')}</th>
              <th>{t('backfile.entry.col.first', { keyer: first })}</th>
              <th>{t('backfile.entry.col.second', { keyer: second })}</th>
              <th>{t('backfile.entry.col.final')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.differences.map((d) => (
              <tr key={d.field} data-testid="difference" data-field={d.field}>
                <th scope="row">{d.field}</th>
                <td>
                  <button type="button" className="button-quiet" data-testid="take-first" onClick={() => take(d.field, d.first)}>
                    {d.first ?? t('backfile.entry.empty')}
                  </button>
                </td>
                <td>
                  <button type="button" className="button-quiet" data-testid="take-second" onClick={() => take(d.field, d.second)}>
                    {d.second ?? t('backfile.entry.empty')}
                  </button>
                </td>
                <td>
                  <input
                    data-testid={`resolve-${d.field}`}
                    aria-label={t('backfile.entry.finalFor', { field: d.field })}
                    value={picks[d.field] ?? ''}
                    autoComplete="off"
                    onChange={(e) => take(d.field, e.target.value)}
                    onKeyDown={(e) => onKeyDown(e, d)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {Object.keys(comparison.agreed).length > 0 && (
        <>
          <h4>{t('backfile.entry.agreed')}</h4>
          <dl className="backfile-agreed" data-testid="agreed">
            {Object.entries(comparison.agreed).map(([field, value]) => (
              <div key={field}>
                <dt>{field}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {!resolved && (
        <div className="modal-actions">
          <button type="submit" className="button-primary" disabled={busy || choices === null} data-testid="keying-resolve">
            {t('backfile.entry.resolve')}
          </button>
        </div>
      )}
    </form>
  );
}
