import { useId, type ReactNode } from 'react';
import { readable } from './field-errors';

/** What a Field hands its control: spread it on the input, select, textarea or custom control. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required'?: true;
}

interface Props {
  /** The server's name for the field: its errors land here (`data-field` too, for tests). */
  name: string;
  label: string;
  error?: string | null;
  hint?: ReactNode;
  /** Marks the label "(optional)": the forms mark the fields that may stay empty. */
  optional?: boolean;
  /** Tells assistive technology the field must be filled (`aria-required`). */
  required?: boolean;
  /** Labels of the form's fields, to make server messages read well. */
  labels?: Record<string, string>;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * Every form's field: a label tied to its control, a hint, and when refused its error beside it, announced
 * (role=alert) and tied to the control by aria-describedby with aria-invalid set.
 */
export function Field({ name, label, error, hint, optional, required, labels = {}, className, children }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const describedBy = [error ? errId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'has-error' : ''} ${className ?? ''}`} data-field={name}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted small"> (optional)</span>}
      </label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy, ...(required ? { 'aria-required': true } : {}) })}
      {hint && (
        <span id={hintId} className="muted small">
          {hint}
        </span>
      )}
      {error && (
        <span id={errId} className="field-error" role="alert">
          {readable(name, error, { [name]: label, ...labels })}
        </span>
      )}
    </div>
  );
}
