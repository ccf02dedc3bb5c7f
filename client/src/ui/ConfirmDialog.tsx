import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/http';
import { Dialog } from './Dialog';
import { FormFooter } from './FormFooter';

interface Props {
  title: string;
  /** What the action will do. */
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  /** Does the action; a throw keeps the dialog open with the error. */
  onConfirm(): Promise<void>;
  onClose(): void;
  /** The text for a refusal, when a plain error message is not enough. */
  describeError?(err: unknown): string;
}

/** Asks before a destructive action (delete, deactivate): Cancel, or the danger button that runs it and shows a refusal in place. */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, onConfirm, onClose, describeError = errorMessage }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      <FormFooter
        variant="dialog"
        danger
        error={error}
        busy={busy}
        onCancel={onClose}
        onConfirm={() => void confirm()}
        submitLabel={confirmLabel}
        busyLabel={busyLabel}
      />
    </Dialog>
  );
}
