import { useState } from 'react';
import type { ControlProps } from './Field';

interface Props {
  /** The id and aria attributes from the Field around it (its label points at the text box). */
  control: ControlProps;
  items: string[];
  disabled?: boolean;
  /** Accessible name of the list of chips, e.g. "Services added". */
  listLabel: string;
  removeLabel(item: string): string;
  placeholder: string;
  addLabel: string;
  onChange(items: string[]): void;
  /** Told when the typed entry is already in the list (the entry stays); without it a duplicate is dropped. */
  onDuplicate?(item: string): void;
  /** Told on every keystroke. */
  onType?(): void;
}

/** A list of short texts typed one at a time (Enter, "Add" or leaving the field), each shown as a removable chip. */
export function ChipListInput({
  control,
  items,
  disabled,
  listLabel,
  removeLabel,
  placeholder,
  addLabel,
  onChange,
  onDuplicate,
  onType,
}: Props) {
  const [entry, setEntry] = useState('');
  const add = () => {
    const v = entry.trim();
    if (items.includes(v)) {
      if (onDuplicate) return onDuplicate(v);
    } else if (v) onChange([...items, v]);
    setEntry('');
  };
  return (
    <>
      {items.length > 0 && (
        <ul className="chips" aria-label={listLabel}>
          {items.map((item) => (
            <li key={item} className="chip">
              <span>{item}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={removeLabel(item)}
                disabled={disabled}
                onClick={() => onChange(items.filter((x) => x !== item))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form">
        <input
          {...control}
          value={entry}
          disabled={disabled}
          placeholder={placeholder}
          onChange={(e) => {
            setEntry(e.target.value);
            onType?.();
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
          {addLabel}
        </button>
      </div>
    </>
  );
}
