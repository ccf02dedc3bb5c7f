import type { SaveStatus } from './use-autosave';

interface Props {
  status: SaveStatus;
  /** Why it was not saved (failed), shown after "Not saved —". */
  error?: string | null;
  onRetry(): void;
  onDiscard?(): void;
  /** Names the field for the buttons ("Retry saving Account reference"). */
  label: string;
}

const TEXT: Record<SaveStatus, string> = {
  idle: '',
  pending: 'Saving…',
  saving: 'Saving…',
  saved: 'Saved',
  invalid: 'Not saved',
  failed: 'Not saved',
  conflict: 'Not saved — someone changed this meanwhile; what you typed is kept',
};

/**
 * An autosaved field's state in words: "Saving…", "Saved", "Not saved — … Retry". A polite live region (always
 * present, so a change of text is announced); Retry and Discard sit beside it, not inside it.
 */
export function SaveState({ status, error, onRetry, onDiscard, label }: Props) {
  const text = status === 'failed' && error ? `Not saved — ${error}` : TEXT[status];
  return (
    <span className={`save-state save-${status}`} data-save-status={status}>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {(status === 'failed' || status === 'conflict') && (
        <button type="button" className="link-button" aria-label={`Retry saving ${label}`} onClick={onRetry}>
          Retry
        </button>
      )}
      {status === 'conflict' && onDiscard && (
        <button type="button" className="link-button" aria-label={`Discard what you typed in ${label}`} onClick={onDiscard}>
          Use theirs
        </button>
      )}
    </span>
  );
}
