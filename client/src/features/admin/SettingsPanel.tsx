import { useState, type FormEvent } from 'react';
import { DONE_VISIBLE_DAYS_MAX, settingsPatchErrors, TOUCH_CADENCE_MAX_DAYS, type Settings, type SettingsPatch } from '@relay/shared';
import { settingsApi } from '../../api/card-list';
import { Field } from '../../ui/Field';
import { toFieldMap, type FieldErrors } from '../../ui/field-errors';
import { FormFooter } from '../../ui/FormFooter';
import { ErrorState, LoadingState } from '../../ui/states';
import { toast } from '../../ui/toast-store';
import { usePatchForm } from '../../ui/use-patch-form';
import { useLoad } from './use-load';

/** How the server's messages name the fields ("Days in Done must be …"). */
const LABELS = { doneVisibleDays: 'Days in Done', touchCadenceDays: 'Touch cadence' };
const KNOWN = Object.keys(LABELS);

interface Draft {
  doneVisibleDays: string;
  /** '' = off. */
  touchCadenceDays: string;
}

const draftOf = (s: Settings): Draft => ({
  doneVisibleDays: String(s.doneVisibleDays),
  touchCadenceDays: s.touchCadenceDays === null ? '' : String(s.touchCadenceDays),
});

/** A whole number as typed, NaN for anything else (the shared rule then names the field). */
const days = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** What the draft changes (only the fields that differ), or the errors that stop it being sent. */
export function settingsPatchOf(saved: Settings, d: Draft): { patch: SettingsPatch; errors: FieldErrors } {
  const patch: SettingsPatch = {};
  const done = days(d.doneVisibleDays);
  if (done !== saved.doneVisibleDays) patch.doneVisibleDays = done;
  const cadence = d.touchCadenceDays.trim() === '' ? null : days(d.touchCadenceDays);
  if (cadence !== saved.touchCadenceDays) patch.touchCadenceDays = cadence;
  return { patch, errors: toFieldMap(settingsPatchErrors(patch)) };
}

/** Admin: Relay-wide settings. The working-hours calendar (issue 22) will be a section of its own here. */
export function SettingsPanel() {
  const loaded = useLoad(() => settingsApi.get(), 'settings');
  if (loaded.error && !loaded.data)
    return <ErrorState text={`Settings could not be loaded: ${loaded.error}`} onRetry={() => void loaded.reload()} />;
  if (!loaded.data) return <LoadingState text="Loading settings…" />;
  return <SettingsForm initial={loaded.data} />;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const form = usePatchForm<SettingsPatch>(KNOWN);
  const { errors, busy } = form;

  function change(patch: Partial<Draft>) {
    setDraft((d) => ({ ...d, ...patch }));
    form.clearErrors(Object.keys(patch));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void form.save(settingsPatchOf(saved, draft), async (patch) => {
      const next = await settingsApi.patch(patch);
      setSaved(next);
      setDraft(draftOf(next));
      toast.success('Settings were saved');
    });
  }

  return (
    <form className="panel settings-form" onSubmit={submit} noValidate aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <section className="settings-section" aria-labelledby="settings-board">
        <h3 id="settings-board">Board</h3>
        <Field
          name="doneVisibleDays"
          label="Done shows cards closed in the last N days"
          labels={LABELS}
          error={errors.doneVisibleDays}
          required
          hint={`1 to ${DONE_VISIBLE_DAYS_MAX} days. Older closed cards stay in the Cards view.`}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min="1"
              max={DONE_VISIBLE_DAYS_MAX}
              step="1"
              inputMode="numeric"
              value={draft.doneVisibleDays}
              disabled={busy}
              onChange={(e) => change({ doneVisibleDays: e.target.value })}
            />
          )}
        </Field>
      </section>
      <section className="settings-section" aria-labelledby="settings-contact">
        <h3 id="settings-contact">Customer contact</h3>
        <Field
          name="touchCadenceDays"
          label="Touch cadence (days, or off)"
          labels={LABELS}
          error={errors.touchCadenceDays}
          optional
          hint={`A card whose customer has not been contacted for this many days (1 to ${TOUCH_CADENCE_MAX_DAYS}) is flagged and its owner told. Leave it empty to turn it off.`}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min="1"
              max={TOUCH_CADENCE_MAX_DAYS}
              step="1"
              inputMode="numeric"
              placeholder="Off"
              value={draft.touchCadenceDays}
              disabled={busy}
              onChange={(e) => change({ touchCadenceDays: e.target.value })}
            />
          )}
        </Field>
      </section>
      <FormFooter variant="form" error={form.formError} busy={busy} submitLabel="Save settings" busyLabel="Saving…" />
    </form>
  );
}
