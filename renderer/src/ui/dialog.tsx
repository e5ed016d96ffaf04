import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useFocusReturn } from './focus-return';

interface DialogProps {
  readonly title: string;
  readonly testId: string;
  readonly className?: string;
  /** Backdrop click and the close button call this; Esc is the app's shortcut layer's job. */
  readonly onClose: () => void;
  /** The close button's text; without it the dialog has none (pickers close on Esc). */
  readonly closeLabel?: string;
  /** A dialog that submits renders as a form, so Enter in any field submits it. */
  readonly onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  readonly onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void;
  /** Esc closes it here: for dialogs a panel opens itself, which the shortcut layer does not know. */
  readonly escapeCloses?: boolean;
  /** Clicks on the backdrop close the dialog unless a capture is running (the camera). */
  readonly backdropCloses?: boolean;
  readonly children: ReactNode;
}

/**
 * The one modal frame: backdrop, labelled dialog, heading with a close button, and focus handed
 * back where the clerk was working when it closes (focus-return.ts), so keyboard work resumes
 * there. Enter on a list (select) submits its form as it does in a text field.
 */
export function Dialog({ title, testId, className, onClose, closeLabel, onSubmit, onKeyDown, escapeCloses = false, backdropCloses = true, children }: DialogProps) {
  const id = useId();
  const closeButton = useRef<HTMLButtonElement>(null);
  useFocusReturn();
  useEffect(() => {
    // A field inside may have taken focus already (autoFocus); only fall back to the close button.
    if (!closeButton.current?.closest('[role="dialog"]')?.contains(document.activeElement)) closeButton.current?.focus();
  }, []);

  const head = (
    <div className="modal-head">
      <h2 id={`${id}-title`}>{title}</h2>
      {closeLabel !== undefined && (
        <button ref={closeButton} type="button" className="button-quiet" onClick={onClose}>
          {closeLabel}
        </button>
      )}
    </div>
  );
  const common = {
    className: ['modal', className].filter(Boolean).join(' '),
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': `${id}-title`,
    'data-testid': testId,
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (escapeCloses && e.key === 'Escape') {
        e.preventDefault();
        onClose();
        return;
      }
      onKeyDown?.(e);
      // Browsers submit on Enter only from text fields; a clerk who just chose from a list means the same.
      if (e.key === 'Enter' && !e.defaultPrevented && e.target instanceof HTMLSelectElement && e.target.form) {
        e.preventDefault();
        e.target.form.requestSubmit();
      }
    },
  } as const;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => backdropCloses && e.target === e.currentTarget && onClose()}>
      {onSubmit ? (
        <form {...common} onSubmit={onSubmit} noValidate>
          {head}
          {children}
        </form>
      ) : (
        <div {...common}>
          {head}
          {children}
        </div>
      )}
    </div>
  );
}
