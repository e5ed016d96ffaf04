import { useState, type KeyboardEvent } from 'react';
import { Dialog } from '../ui/dialog';
import type { PlainKey } from '../i18n/translate';
import { thrownText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';
import { ChecklistEditor } from './checklist-editor';
import { ClassesTable, MaterialsTable, VersionsList } from './scheme-tables';
import { FieldsTable } from './fields-table';
import { editText, problemText } from './scheme-text';
import { useSchemeDraft } from './use-scheme-draft';
import { useMay } from '../session/use-may';
import { ReadOnlyNote } from '../session/read-only-note';

type Tab = 'checklists' | 'classes' | 'materials' | 'versions' | 'fields';
const TABS: readonly { readonly tab: Tab; readonly label: PlainKey }[] = [
  { tab: 'checklists', label: 'schemeAdmin.tab.checklists' },
  { tab: 'classes', label: 'schemeAdmin.tab.classes' },
  { tab: 'materials', label: 'schemeAdmin.tab.materials' },
  { tab: 'versions', label: 'schemeAdmin.tab.versions' },
  { tab: 'fields', label: 'schemeAdmin.tab.fields' },
];

type Note = { readonly kind: 'saved'; readonly version: number } | { readonly kind: 'no-changes' } | { readonly kind: 'reason' } | null;

const isTextField = (target: EventTarget | null) => target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;

/**
 * F9: the classification scheme for the administrator — business types with their checklists by
 * effective date, classes with retention, material types, and the version history. Edits pile up
 * as a list (undoable); saving with a reason stores the next scheme version, as `scheme import`.
 * Whoever may not save a scheme sees it read-only, with one line saying so and no save.
 */
export function SchemeAdminDialog() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const { state, error, edit, undo, save } = useSchemeDraft();
  const [tab, setTab] = useState<Tab>('checklists');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const maySave = useMay('scheme.save');

  const submit = async () => {
    if (!maySave) return;
    if (state.edits.length === 0) return setNote({ kind: 'no-changes' });
    if (reason.trim() === '') return setNote({ kind: 'reason' });
    setBusy(true);
    const before = state.base?.version;
    const version = await save(reason.trim());
    setBusy(false);
    if (version === null) return setNote(null);
    // Edits that cancel out leave the scheme as it was: the core adds no version then.
    setNote(version === before ? { kind: 'no-changes' } : { kind: 'saved', version });
    setReason('');
  };
  const changed = (next: Parameters<typeof edit>[0]) => {
    setNote(null);
    return edit(next);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const tabKey = e.altKey && !e.ctrlKey && /^[1-5]$/.test(e.key) ? TABS[Number(e.key) - 1] : undefined;
    if (tabKey) {
      e.preventDefault();
      setTab(tabKey.tab);
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void submit();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !isTextField(e.target)) {
      // In a text field Ctrl+Z stays the field's own undo.
      e.preventDefault();
      undo();
    }
  };

  return (
    <Dialog title={t('schemeAdmin.title', { version: state.base?.version ?? '…' })} testId="scheme-admin" className="scheme-admin" onClose={actions.close} closeLabel={t('filing.cancel')} onKeyDown={onKeyDown}>
      <p className="muted">{t('schemeAdmin.keys')}</p>
      <div className="scheme-tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x.tab} type="button" role="tab" aria-selected={tab === x.tab} onClick={() => setTab(x.tab)} data-testid={`scheme-tab-${x.tab}`}>
            {t(x.label)}
          </button>
        ))}
      </div>
      <fieldset className="scheme-body read-only-fields" role="tabpanel" disabled={!maySave}>
        {tab === 'checklists' && <ChecklistEditor state={state} edits={state.edits} edit={changed} />}
        {tab === 'classes' && <ClassesTable state={state} edit={changed} />}
        {tab === 'materials' && <MaterialsTable state={state} edit={changed} />}
        {tab === 'versions' && <VersionsList state={state} />}
        {tab === 'fields' && <FieldsTable state={state} edit={changed} />}
      </fieldset>
      {error && (
        <p className="field-error" role="alert" data-testid="scheme-error">
          {error.kind === 'edit' ? problemText(t, error.problem.code, error.problem.subject) : t('schemeAdmin.saveRefused', { message: thrownText(t, error.failure, language) })}
        </p>
      )}
      {!maySave && <ReadOnlyNote text={t('roles.schemeReadOnly')} />}
      {maySave && (
        <section className="scheme-pending" data-testid="scheme-pending">
          <h3>{t('schemeAdmin.pending.title', { count: state.edits.length })}</h3>
          {state.edits.length === 0 && <p className="muted">{t('schemeAdmin.pending.none')}</p>}
          <ol>
            {state.draft && state.edits.map((e, i) => <li key={i}>{editText(t, e, state.draft!)}</li>)}
          </ol>
          <div className="scheme-row">
            <button type="button" className="button-quiet" disabled={state.edits.length === 0} onClick={undo}>
              {t('schemeAdmin.pending.undo')}
            </button>
            <input
              className="scheme-reason"
              data-testid="scheme-reason"
              value={reason}
              maxLength={500}
              placeholder={t('schemeAdmin.reason')}
              aria-label={t('schemeAdmin.reason')}
              aria-invalid={note?.kind === 'reason'}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="button" className="button-primary" data-testid="scheme-save" disabled={busy} onClick={() => void submit()}>
              {busy ? t('schemeAdmin.saving') : t('schemeAdmin.save')}
            </button>
          </div>
          {note && (
            <p className={note.kind === 'saved' ? 'filing-complete' : 'field-error'} role="status" data-testid="scheme-note">
              {note.kind === 'saved' ? t('schemeAdmin.saved', { version: note.version }) : note.kind === 'reason' ? t('schemeAdmin.reasonRequired') : t('schemeAdmin.noChanges')}
            </p>
          )}
        </section>
      )}
    </Dialog>
  );
}
