interface Props {
  /** The id and aria attributes from the FormField around it. */
  control: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  /** `new-password` for a password being chosen (password managers offer to generate one), `current-password` to sign in. */
  autoComplete?: 'new-password' | 'current-password';
}

/** A password box inside a FormField. */
export function PasswordInput({ control, value, onChange, disabled, autoComplete = 'new-password' }: Props) {
  return (
    <input
      {...control}
      type="password"
      autoComplete={autoComplete}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
