import type { Ref } from 'react';

interface FormActionsProps {
  readonly cancelLabel: string;
  readonly onCancel: () => void;
  /** The submit button's text, and its text while the submission runs (`busy`). */
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly busy: boolean;
  readonly submitTestId: string;
  readonly submitRef?: Ref<HTMLButtonElement>;
}

/** A dialog form's closing row: cancel, and submit that cannot be pressed twice while it runs. */
export function FormActions({ cancelLabel, onCancel, submitLabel, busyLabel, busy, submitTestId, submitRef }: FormActionsProps) {
  return (
    <div className="modal-actions">
      <button type="button" className="button-quiet" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button ref={submitRef} type="submit" className="button-primary" data-testid={submitTestId} disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </div>
  );
}
