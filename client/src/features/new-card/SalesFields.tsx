import { ChipListInput } from '../../ui/ChipListInput';
import { Field } from '../../ui/Field';
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

/** The sales form's inputs, each with its error beside it. Used by the new-onboarding form and the card's details. */
export function SalesFields({ draft, errors, onChange, disabled }: Props) {
  const text = (name: Exclude<keyof SalesDraft, 'services'>, type = 'text', optional = false, extra: Record<string, string> = {}) => (
    <Field name={name} label={LABELS[name]} labels={LABELS} error={errors[name]} optional={optional} required={!optional}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={draft[name]}
          disabled={disabled}
          onChange={(e) => onChange({ [name]: e.target.value })}
          {...extra}
        />
      )}
    </Field>
  );
  const area = (name: 'specialConditions' | 'notes' | 'serviceAddress', optional: boolean) => (
    <Field name={name} label={LABELS[name]} labels={LABELS} error={errors[name]} optional={optional} required={!optional}>
      {(control) => (
        <textarea {...control} rows={2} value={draft[name]} disabled={disabled} onChange={(e) => onChange({ [name]: e.target.value })} />
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
    <Field
      name="services"
      label={LABELS.services}
      labels={LABELS}
      error={error}
      hint={error ? undefined : 'Add each service the contract covers, e.g. janitorial, window cleaning.'}
    >
      {(control) => (
        <ChipListInput
          control={control}
          items={services}
          disabled={disabled}
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
