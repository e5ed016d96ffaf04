import type { ReactNode } from 'react';

interface FormFieldProps {
  readonly label: ReactNode;
  /** A refusal to show under the control (announced at once); nothing when the value is fine. */
  readonly error?: string | false | null | undefined;
  /** The error's element id, for a control that points at it with aria-describedby. */
  readonly errorId?: string;
  /** The control, with any hint lines that belong under it. */
  readonly children: ReactNode;
}

/** One labelled row of a dialog's form: clicking the label focuses the control inside it. */
export function FormField({ label, error, errorId, children }: FormFieldProps) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
