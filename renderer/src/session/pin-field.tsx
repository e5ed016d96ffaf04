import type { Ref } from 'react';
import { FormField } from '../ui/form-field';

interface PinFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
  /** The one the user has (sign-in, unlock) or one being chosen: what the browser may fill in. */
  readonly purpose: 'current' | 'new';
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** A labelled PIN or password box, the same in sign-in, unlock and change-PIN. */
export function PinField({ label, value, onChange, testId, purpose, inputRef }: PinFieldProps) {
  return (
    <FormField label={label}>
      <input
        ref={inputRef}
        type="password"
        data-testid={testId}
        value={value}
        maxLength={128}
        autoComplete={purpose === 'current' ? 'current-password' : 'new-password'}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  );
}
