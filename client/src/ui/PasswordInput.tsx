import type { ControlProps } from './Field';

interface Props {
  /** The id and aria attributes from the Field around it. */
  control: ControlProps;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  /** `new-password` for a password being chosen (password managers offer to generate one), `current-password` to sign in. */
  autoComplete?: 'new-password' | 'current-password';
  autoFocus?: boolean;
}

/** A password box inside a Field. */
export function PasswordInput({ control, value, onChange, disabled, autoComplete = 'new-password', autoFocus }: Props) {
  return (
    <input
      {...control}
      type="password"
      autoComplete={autoComplete}
      value={value}
      disabled={disabled}
      autoFocus={autoFocus}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
