import { useId, type ReactNode } from 'react';
import { ChipListInput } from '../../ui/ChipListInput';
import type { SalesDraft } from './utils/sales-draft';

interface Props {
  draft: SalesDraft;
  errors: Record<string, string>;
  onChange(patch: Partial<SalesDraft>): void;
  disabled?: boolean;
}

const LABELS: Record<keyof SalesDraft, string> = {
  customerName: 'Customer name',
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  contactPhone: 'Contact phone',
  serviceAddress: 'Service address',
  contractStartDate: 'Contract start date',
  contractValue: 'Contract value',
  services: 'Services',
  specialConditions: 'Special conditions',
  notes: 'Notes',
};

/** "contactEmail must be an email address" → "Contact email must be an email address". */
export function readableError(field: keyof SalesDraft, message: string): string {
  return message.startsWith(field) ? `${LABELS[field]}${message.slice(field.length)}` : message;
}

function Field({
  name,
  error,
  children,
  optional,
  hint,
}: {
  name: keyof SalesDraft;
  error?: string;
  children: (id: string, errId: string) => ReactNode;
  optional?: boolean;
  hint?: string;
}) {
  const id = useId();
  const errId = `${id}-error`;
  return (
    <div className={`field ${error ? 'has-error' : ''}`} data-field={name}>
      <label htmlFor={id}>
        {LABELS[name]}
        {optional && <span className="muted small"> (optional)</span>}
      </label>
      {children(id, errId)}
      {hint && !error && <span className="muted small">{hint}</span>}
      {error && (
        <span id={errId} className="field-error" role="alert">
          {readableError(name, error)}
        </span>
      )}
    </div>
  );
}

/** The sales form's inputs, each with its error beside it. Used by the new-onboarding form and the card's details. */
export function SalesFields({ draft, errors, onChange, disabled }: Props) {
  const text = (name: Exclude<keyof SalesDraft, 'services'>, type = 'text', optional = false, extra: Record<string, string> = {}) => (
    <Field name={name} error={errors[name]} optional={optional}>
      {(id, errId) => (
        <input
          id={id}
          type={type}
          value={draft[name]}
          disabled={disabled}
          aria-invalid={!!errors[name]}
          aria-describedby={errors[name] ? errId : undefined}
          onChange={(e) => onChange({ [name]: e.target.value })}
          {...extra}
        />
      )}
    </Field>
  );
  const area = (name: 'specialConditions' | 'notes' | 'serviceAddress', optional: boolean) => (
    <Field name={name} error={errors[name]} optional={optional}>
      {(id, errId) => (
        <textarea
          id={id}
          rows={2}
          value={draft[name]}
          disabled={disabled}
          aria-invalid={!!errors[name]}
          aria-describedby={errors[name] ? errId : undefined}
          onChange={(e) => onChange({ [name]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <div className="form-grid">
      {text('customerName')}
      {text('contactName')}
      {text('contactEmail', 'email', false, { autoComplete: 'off' })}
      {text('contactPhone', 'tel', true)}
      <div className="span-2">{area('serviceAddress', false)}</div>
      {text('contractStartDate', 'date')}
      {text('contractValue', 'number', true, { min: '0', step: 'any', inputMode: 'decimal' })}
      <div className="span-2">
        <ServicesField
          services={draft.services}
          error={errors.services}
          disabled={disabled}
          onChange={(services) => onChange({ services })}
        />
      </div>
      <div className="span-2">{area('specialConditions', true)}</div>
      <div className="span-2">{area('notes', true)}</div>
    </div>
  );
}

function ServicesField({
  services,
  error,
  disabled,
  onChange,
}: {
  services: string[];
  error?: string;
  disabled?: boolean;
  onChange(s: string[]): void;
}) {
  return (
    <Field name="services" error={error} hint="Add each service the contract covers, e.g. janitorial, window cleaning.">
      {(id, errId) => (
        <ChipListInput
          id={id}
          items={services}
          disabled={disabled}
          invalid={!!error}
          describedBy={error ? errId : undefined}
          listLabel="Services added"
          removeLabel={(s) => `Remove ${s}`}
          placeholder="Add a service"
          addLabel="Add"
          onChange={onChange}
        />
      )}
    </Field>
  );
}
