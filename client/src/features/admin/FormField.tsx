import { useId, type ReactNode } from 'react';
import { readable } from './utils/field-errors';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface Props {
  /** The server's name for the field: its errors land here (`data-field` too, for tests). */
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  optional?: boolean;
  /** Labels of the form's fields, to make server messages read well. */
  labels?: Record<string, string>;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and, when refused, its error beside it. */
export function FormField({ name, label, error, hint, optional, labels = {}, className, children }: Props) {
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
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
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

/** Errors of fields a form has no place for, as one line. */
export function otherErrors(errors: Record<string, string>, known: readonly string[]): string | null {
  const rest = Object.entries(errors).filter(([k]) => !known.includes(k));
  return rest.length ? rest.map(([, m]) => m).join('; ') : null;
}
