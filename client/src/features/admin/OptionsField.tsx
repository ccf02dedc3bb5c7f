import { useId, useState } from 'react';

interface Props {
  options: string[];
  error?: string;
  disabled?: boolean;
  onChange(options: string[]): void;
}

/** The answers of a choice item: typed one at a time (Enter or "Add option"), each removable. */
export function OptionsField({ options, error, disabled, onChange }: Props) {
  const id = useId();
  const [entry, setEntry] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const add = () => {
    const v = entry.trim();
    if (!v) return;
    if (options.includes(v)) {
      setNote(`"${v}" is already an option`);
      return;
    }
    onChange([...options, v]);
    setEntry('');
    setNote(null);
  };
  return (
    <div className={`field span-2 ${error ? 'has-error' : ''}`} data-field="options">
      <label htmlFor={id}>Options</label>
      {options.length > 0 && (
        <ul className="chips" aria-label="Options added">
          {options.map((o) => (
            <li key={o} className="chip">
              <span>{o}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove option ${o}`}
                disabled={disabled}
                onClick={() => onChange(options.filter((x) => x !== o))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form">
        <input
          id={id}
          value={entry}
          disabled={disabled}
          placeholder="Type an option and press Enter"
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(e) => {
            setEntry(e.target.value);
            setNote(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
        <button type="button" className="button button-small" onClick={add} disabled={disabled || entry.trim() === ''}>
          Add option
        </button>
      </div>
      {note && <span className="muted small">{note}</span>}
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error.charAt(0).toUpperCase() + error.slice(1)}
        </span>
      ) : (
        <span id={`${id}-hint`} className="muted small">
          At least two different answers.
        </span>
      )}
    </div>
  );
}
