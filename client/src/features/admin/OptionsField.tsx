import { useState } from 'react';
import { ChipListInput } from '../../ui/ChipListInput';
import { Field } from '../../ui/Field';

interface Props {
  options: string[];
  error?: string;
  disabled?: boolean;
  onChange(options: string[]): void;
}

/** The answers of a choice item: typed one at a time (Enter or "Add option"), each removable. */
export function OptionsField({ options, error, disabled, onChange }: Props) {
  const [note, setNote] = useState<string | null>(null);
  return (
    <Field
      name="options"
      label="Options"
      className="span-2"
      error={error}
      hint={error ? note : [note, 'At least two different answers.'].filter(Boolean).join(' · ')}
    >
      {(control) => (
        <ChipListInput
          control={control}
          items={options}
          disabled={disabled}
          listLabel="Options added"
          removeLabel={(o) => `Remove option ${o}`}
          placeholder="Type an option and press Enter"
          addLabel="Add option"
          onChange={onChange}
          onDuplicate={(v) => setNote(`"${v}" is already an option`)}
          onType={() => setNote(null)}
        />
      )}
    </Field>
  );
}
