import { useId, useState } from 'react';
import { ChipListInput } from '../../ui/ChipListInput';

interface Props {
  options: string[];
  error?: string;
  disabled?: boolean;
  onChange(options: string[]): void;
}

/** The answers of a choice item: typed one at a time (Enter or "Add option"), each removable. */
export function OptionsField({ options, error, disabled, onChange }: Props) {
  const id = useId();
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className={`field span-2 ${error ? 'has-error' : ''}`} data-field="options">
      <label htmlFor={id}>Options</label>
      <ChipListInput
        id={id}
        items={options}
        disabled={disabled}
        invalid={!!error}
        describedBy={error ? `${id}-error` : `${id}-hint`}
        listLabel="Options added"
        removeLabel={(o) => `Remove option ${o}`}
        placeholder="Type an option and press Enter"
        addLabel="Add option"
        onChange={onChange}
        onDuplicate={(v) => setNote(`"${v}" is already an option`)}
        onType={() => setNote(null)}
      />
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
