import { useState, type FormEvent } from 'react';
import { AT_RISK_FRACTION, laneSettingsErrors, type Lane } from '@relay/shared';
import { adminApi, type DepartmentInfo, type LanePatch } from '../../api/admin';
import { FormFooter } from '../../ui/FormFooter';
import { toast } from '../../ui/toast-store';
import { Field } from '../../ui/Field';
import { toFieldMap, type FieldErrors } from '../../ui/field-errors';
import { usePatchForm } from '../../ui/use-patch-form';
import { formatTimeLimit, parseTimeLimit, splitHours } from './utils/time-limit';

const LABELS = {
  name: 'Name',
  department: 'Owning department',
  timeLimitHours: 'Time limit',
  days: 'Days',
  hours: 'Hours',
  customerName: 'Name for the customer',
  customerDescription: 'One line for the customer',
};
const KNOWN = Object.keys(LABELS);

interface Props {
  lane: Lane;
  departments: readonly DepartmentInfo[];
}

interface Draft {
  name: string;
  department: string;
  days: string;
  hours: string;
  customerName: string;
  customerDescription: string;
}

function draftOf(lane: Lane): Draft {
  const limit = lane.timeLimitHours === null ? { days: 0, hours: 0 } : splitHours(lane.timeLimitHours);
  return {
    name: lane.name,
    department: lane.department ?? '',
    days: String(limit.days),
    hours: String(limit.hours),
    customerName: lane.customerName ?? '',
    customerDescription: lane.customerDescription ?? '',
  };
}

/** What the draft changes, or the errors that stop it being sent. */
function patchOf(lane: Lane, d: Draft): { patch: LanePatch; errors: FieldErrors } {
  const patch: LanePatch = {};
  const errors: FieldErrors = {};
  if (d.name.trim() !== lane.name) patch.name = d.name.trim();
  // The customer's tracker shows these; cleared, it falls back to the lane's own name.
  if (d.customerName.trim() !== (lane.customerName ?? '')) patch.customerName = d.customerName.trim() || null;
  if (d.customerDescription.trim() !== (lane.customerDescription ?? '')) patch.customerDescription = d.customerDescription.trim() || null;
  if ((patch.customerName?.length ?? 0) > 80) errors.customerName = 'Name for the customer must be at most 80 characters';
  if ((patch.customerDescription?.length ?? 0) > 200)
    errors.customerDescription = 'One line for the customer must be at most 200 characters';
  if (!lane.terminal) {
    if (d.department !== (lane.department ?? '')) patch.department = d.department;
    const limit = parseTimeLimit(d.days, d.hours);
    if (!limit.ok) errors[limit.field] = limit.message;
    else if (limit.hours !== lane.timeLimitHours) patch.timeLimitHours = limit.hours;
  }
  return { patch, errors: { ...toFieldMap(laneSettingsErrors(patch)), ...errors } };
}

/** A lane's name, owning department and time limit (edited as days and hours, kept in hours). */
export function LaneSettingsForm({ lane, departments }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(lane));
  const form = usePatchForm<LanePatch>(KNOWN);
  const { errors, busy } = form;
  const limit = parseTimeLimit(draft.days, draft.hours);

  function change(patch: Partial<Draft>) {
    setDraft((d) => ({ ...d, ...patch }));
    form.clearErrors([...Object.keys(patch), ...('days' in patch || 'hours' in patch ? ['timeLimitHours'] : [])]);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void form.save(patchOf(lane, draft), async (patch) => {
      await adminApi.patchLane(lane.id, patch);
      toast.success(`${patch.name ?? lane.name} was saved`);
    });
  }

  const field = (name: keyof typeof LABELS) => ({ name, label: LABELS[name], error: errors[name], labels: LABELS });
  const deptKnown = departments.some((d) => d.key === draft.department);
  return (
    <form className="lane-form" onSubmit={submit} noValidate aria-label={`Settings of ${lane.name}`}>
      <div className="form-grid">
        <Field {...field('name')}>
          {(p) => <input {...p} value={draft.name} disabled={busy} onChange={(e) => change({ name: e.target.value })} />}
        </Field>
        <Field {...field('customerName')} hint="What the customer's tracker page calls this step.">
          {(p) => (
            <input
              {...p}
              value={draft.customerName}
              disabled={busy}
              maxLength={80}
              onChange={(e) => change({ customerName: e.target.value })}
            />
          )}
        </Field>
        <Field {...field('customerDescription')} hint="Shown to the customer while their onboarding is at this step.">
          {(p) => (
            <input
              {...p}
              value={draft.customerDescription}
              disabled={busy}
              maxLength={200}
              onChange={(e) => change({ customerDescription: e.target.value })}
            />
          )}
        </Field>
        {lane.terminal ? (
          <p className="muted small terminal-note">
            {lane.name} is the end of the pipeline: it has no owner, no time limit and no checklist. Moving a card here closes the
            onboarding.
          </p>
        ) : (
          <Field {...field('department')} hint="Its members tick the lane's checklist and move cards on.">
            {(p) => (
              <select {...p} value={draft.department} disabled={busy} onChange={(e) => change({ department: e.target.value })}>
                {!deptKnown && <option value={draft.department}>{draft.department || 'Choose a department'}</option>}
                {departments.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {!lane.terminal && (
          <fieldset className={`field span-2 time-limit ${errors.timeLimitHours ? 'has-error' : ''}`} data-field="timeLimitHours">
            <legend>Time limit</legend>
            <div className="time-limit-inputs">
              <Field {...field('days')} className="time-part">
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min="0"
                    step="1"
                    inputMode="numeric"
                    value={draft.days}
                    disabled={busy}
                    aria-invalid={!!(errors.days || errors.timeLimitHours)}
                    onChange={(e) => change({ days: e.target.value })}
                  />
                )}
              </Field>
              <Field {...field('hours')} className="time-part">
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min="0"
                    step="any"
                    inputMode="decimal"
                    value={draft.hours}
                    disabled={busy}
                    aria-invalid={!!(errors.hours || errors.timeLimitHours)}
                    onChange={(e) => change({ hours: e.target.value })}
                  />
                )}
              </Field>
              <p className="muted small time-limit-summary" aria-live="polite">
                {limit.ok
                  ? `${formatTimeLimit(limit.hours)} in total (${limit.hours} hours): a card turns amber after ${formatTimeLimit(
                      limit.hours * AT_RISK_FRACTION,
                    )} and is stuck after ${formatTimeLimit(limit.hours)}.`
                  : ''}
              </p>
            </div>
            {errors.timeLimitHours && (
              <span className="field-error" role="alert">
                {errors.timeLimitHours.replace(/^timeLimitHours/, 'Time limit')}
              </span>
            )}
          </fieldset>
        )}
      </div>
      <FormFooter variant="form" error={form.formError} busy={busy} submitLabel={`Save ${lane.name}`} busyLabel="Saving…" />
    </form>
  );
}
