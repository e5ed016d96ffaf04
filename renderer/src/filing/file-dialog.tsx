import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChecklistCheck } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { FormActions } from '../ui/form-actions';
import { useLanguage, useT } from '../i18n/use-t';
import { missingNames } from './filing-logic';

interface Props {
  readonly check: ChecklistCheck;
  readonly onFile: (allowMissing?: string) => Promise<void>;
  readonly onClose: () => void;
}

/** Confirm filing; with materials missing, only with a reason (容缺受理), which is recorded. */
export function FileDialog({ check, onFile, onClose }: Props) {
  const t = useT();
  const language = useLanguage();
  const [reason, setReason] = useState('');
  const [needReason, setNeedReason] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!check.complete && reason.trim() === '') {
      setNeedReason(true);
      return;
    }
    setBusy(true);
    try {
      await onFile(check.complete ? undefined : reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('filing.fileDialog.title')}
      testId="file-dialog"
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      escapeCloses
    >
      {check.complete ? (
        <p>{t('filing.fileDialog.complete')}</p>
      ) : (
        <label className="field">
          <span>{t('filing.fileDialog.missing', { names: missingNames(check, language).join('、') })}</span>
          <input ref={first} data-testid="file-reason" placeholder={t('filing.fileDialog.reason')} value={reason} aria-invalid={needReason} onChange={(e) => setReason(e.target.value)} />
          {needReason && <span className="field-error" role="alert">{t('filing.fileDialog.reasonRequired')}</span>}
        </label>
      )}
      <FormActions
        cancelLabel={t('filing.cancel')}
        onCancel={onClose}
        submitLabel={t('filing.fileDialog.confirm')}
        busyLabel={t('filing.fileDialog.filing')}
        busy={busy}
        submitTestId="file-confirm"
        submitRef={check.complete ? first : undefined}
      />
    </Dialog>
  );
}
