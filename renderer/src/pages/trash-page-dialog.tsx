import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Dialog } from '../ui/dialog';
import type { PlainKey } from '../i18n/translate';
import { callFailureText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useDesk, useDeskStore } from '../state/desk-context';

const REASONS: readonly PlainKey[] = ['pageEdit.reason.blank', 'pageEdit.reason.duplicate', 'pageEdit.reason.wrong'];

/** D: the selected page to the trash, with the reason the core records (a digit picks a common one). */
export function TrashPageDialog() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const page = useDesk((s) => s.pages.find((p) => p.id === s.selectedPageId) ?? null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  // A refusal (e.g. the page's item was filed) is shown here, where the clerk is looking.
  const [refusal, setRefusal] = useState<string | null>(null);
  const store = useDeskStore();

  const trash = async (text: string) => {
    if (text.trim() === '') return setMissing(true);
    setBusy(true);
    if (await actions.trashSelected(text.trim())) return actions.close();
    const notice = store.getState().notice;
    setRefusal(notice ? callFailureText(t, notice, language) : null);
    setBusy(false);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void trash(reason);
  };
  // Digits pick a listed reason while the reason field is still empty (afterwards they are text).
  const onKeyDown = (e: KeyboardEvent) => {
    const n = /^[1-9]$/.test(e.key) && reason === '' ? REASONS[Number(e.key) - 1] : undefined;
    if (!n) return;
    e.preventDefault();
    void trash(t(n));
  };

  if (!page) return null;
  return (
    <Dialog title={t('pageEdit.trashDialog.title', { seq: page.seq })} testId="trash-page-dialog" onClose={actions.close} onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <p className="muted">{t('pageEdit.trashDialog.hint')}</p>
      <ol className="page-edit-reasons">
        {REASONS.map((key, i) => (
          <li key={key}>
            <button type="button" onClick={() => void trash(t(key))}>
              <kbd>{i + 1}</kbd> {t(key)}
            </button>
          </li>
        ))}
      </ol>
      <label className="field">
        <span className="field-label">{t('pageEdit.trashDialog.reason')}</span>
        <input
          autoFocus
          data-testid="trash-reason"
          value={reason}
          maxLength={500}
          aria-invalid={missing}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing(false);
          }}
        />
        {missing && (
          <span className="field-error" role="alert">
            {t('pageEdit.trashDialog.reasonRequired')}
          </span>
        )}
      </label>
      {refusal && (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      )}
      <div className="modal-actions">
        <button type="submit" className="button-primary" data-testid="trash-confirm" disabled={busy}>
          {t('pageEdit.trashDialog.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
