import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { Batch, BusinessTypeSummary, FilingItem, ResponseOf } from '../../../shared/contract';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { keyingStep } from './backfile-logic';
import { KeyingForm } from './keying-form';
import { KeyingResolution } from './keying-resolution';
import { CallError, useCall } from './use-call';

type Comparison = ResponseOf<'keying.compare'>;

/**
 * 双人录入 for the open batch's items: pick an item (↑↓ in the list), key the page blind as the
 * signed-in user (the second pass is another user's: they sign in with U); the screen asks for whichever pass is missing, and once both are in shows the
 * differences for resolution. The item's own metadata is never shown here, so nothing leaks.
 * PageUp/PageDown turn the item's pages while keying.
 */
export function DoubleEntryDialog({ batch }: { readonly batch: Batch }) {
  const t = useT();
  const client = useClient();
  const actions = useActions();
  const pages = useDesk((s) => s.pages);
  const user = useDesk((s) => s.session?.user ?? null);
  const { error, busy, run } = useCall();
  const [scheme, setScheme] = useState<SchemeBody | null>(null);
  const [businessTypes, setBusinessTypes] = useState<readonly BusinessTypeSummary[]>([]);
  const [items, setItems] = useState<readonly FilingItem[]>([]);
  const [index, setIndex] = useState(0);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [pageIndex, setPageIndex] = useState(0);
  const [saved, setSaved] = useState<{ pass: number; waitingFor: number | null } | null>(null);
  const item = items[index] ?? null;

  useEffect(() => {
    void run(async () => {
      const [s, types, list] = await Promise.all([client.call('scheme.get', {}), client.call('business.types', {}), client.call('items.list', { batchId: batch.id })]);
      setScheme(s.body);
      setBusinessTypes(types);
      setItems(list.filter((i) => !i.filedAt));
    });
  }, [batch.id, client, run]);

  const compare = useCallback(
    async (itemId: string) => {
      const value = await run(() => client.call('keying.compare', { itemId }));
      if (value) setComparison(value);
    },
    [client, run],
  );
  useEffect(() => {
    setComparison(null);
    setPageIndex(0);
    setSaved(null);
    if (item) void compare(item.id);
  }, [item, compare]);

  const business = businessTypes.find((b) => b.code === item?.business);
  // Without a business (an item split off an unread sheet) every element that is keyed by hand is offered.
  const fields = scheme ? (business ? business.fields.flatMap((k) => scheme.fields.filter((f) => f.key === k)) : scheme.fields.filter((f) => !f.derived)) : [];
  const itemPages = item ? item.documents.flatMap((d) => d.pageIds) : [];
  const page = pages.find((p) => p.id === itemPages[pageIndex]);
  const step = comparison ? keyingStep(comparison) : null;

  const submit = async (pass: 1 | 2, values: Record<string, string>) => {
    if (!item) return;
    const result = await run(() => client.call('keying.submit', { itemId: item.id, pass, fields: values }));
    if (!result) return;
    // The form comes back empty for the other pass, which another user signs in to key.
    setSaved({ pass: result.pass, waitingFor: result.waitingFor });
    await compare(item.id);
  };
  const resolve = async (choices: Record<string, string>) => {
    if (!item) return;
    const result = await run(() => client.call('keying.resolve', { itemId: item.id, choices }));
    if (result) await compare(item.id);
  };
  const onListKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    setIndex((i) => Math.min(Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)), Math.max(0, items.length - 1)));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
    e.preventDefault();
    setPageIndex((i) => Math.min(Math.max(0, i + (e.key === 'PageDown' ? 1 : -1)), Math.max(0, itemPages.length - 1)));
  };

  return (
    <Dialog title={t('backfile.entry.title', { batch: batch.name })} testId="double-entry-dialog" className="backfile-dialog backfile-wide" onClose={actions.close} closeLabel={t('backfile.close')} onKeyDown={onKeyDown}>
      <CallError error={error} />
      {items.length === 0 ? (
        <p className="muted">{t('backfile.entry.noItems')}</p>
      ) : (
        <div className="backfile-entry">
          <ul className="backfile-list" role="listbox" tabIndex={0} aria-label={t('backfile.entry.items')} onKeyDown={onListKey} data-testid="entry-items">
            {items.map((it, i) => (
              <li key={it.id} role="option" aria-selected={i === index} className={i === index ? 'selected' : undefined} onMouseDown={() => setIndex(i)} data-testid="entry-item">
                <span>{businessTypes.find((b) => b.code === it.business)?.name ?? t('backfile.split.unclassified')}</span>
                <span className="muted">{it.businessDate ?? ''}</span>
              </li>
            ))}
          </ul>
          <div className="backfile-page">
            {page ? <img src={client.blobUrl(page.imageSha256)} alt={t('backfile.entry.pageAlt', { n: pageIndex + 1, total: itemPages.length })} /> : <p className="muted">{t('backfile.entry.noPages')}</p>}
            {itemPages.length > 1 && <p className="muted">{t('backfile.entry.pageOf', { n: pageIndex + 1, total: itemPages.length })}</p>}
          </div>
          <div className="backfile-side">
            <p className="field" data-testid="keyer">
              <span className="field-label">{step?.kind === 'resolve' ? t('backfile.entry.resolver') : t('backfile.entry.keyer')}</span> {user?.name ?? ''}
            </p>
            {saved && (
              <p role="status" data-testid="keying-saved">
                {saved.waitingFor ? t('backfile.entry.savedWaiting', { pass: saved.pass, next: saved.waitingFor }) : t('backfile.entry.savedBoth', { pass: saved.pass })}
              </p>
            )}
            {item && step?.kind === 'key' && <KeyingForm key={`${item.id}:${step.pass}`} pass={step.pass} fields={fields} busy={busy} onSubmit={(values) => submit(step.pass, values)} />}
            {item && comparison && comparison.state !== 'waiting' && <KeyingResolution key={`${item.id}:${comparison.state}`} comparison={comparison} busy={busy} onResolve={resolve} />}
          </div>
        </div>
      )}
    </Dialog>
  );
}
