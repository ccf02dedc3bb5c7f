interface Props {
  /** The error that belongs to no single field (or the server's refusal); shown above the buttons as an alert. */
  error?: string | null;
  /** While true both buttons are disabled and the main one shows `busyLabel`. */
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  /** Without it there is no Cancel button. */
  onCancel?(): void;
  /** Turns the main button into a plain button that calls this, for a confirmation that is not a form. */
  onConfirm?(): void;
  /** Another reason the main button is off besides being busy, e.g. nothing changed yet. */
  submitDisabled?: boolean;
  /** A destructive action (delete, deactivate) shows as a danger button. */
  danger?: boolean;
  /** `form` for a form in the page (`form-actions`), `dialog` for the bottom of a dialog (`dialog-actions`). */
  variant: 'form' | 'dialog';
  /** The actions row element: a dialog's own footer is a `footer`. */
  as?: 'div' | 'footer';
}

const ACTIONS_CLASS = { form: 'form-actions', dialog: 'dialog-actions' } as const;

/** The end of a form or confirmation: its error, then Cancel and the main button, whose label says when it is working. */
export function FormFooter({
  error,
  busy,
  submitLabel,
  busyLabel,
  onCancel,
  onConfirm,
  submitDisabled = false,
  danger = false,
  variant,
  as: Actions = 'div',
}: Props) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Actions className={ACTIONS_CLASS[variant]}>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        <button
          type={onConfirm ? 'button' : 'submit'}
          className={`button ${danger ? 'button-danger' : 'button-primary'}`}
          onClick={onConfirm}
          disabled={busy || submitDisabled}
        >
          {busy ? busyLabel : submitLabel}
        </button>
      </Actions>
    </>
  );
}
