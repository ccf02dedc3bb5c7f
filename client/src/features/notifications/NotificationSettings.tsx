import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationPreferences } from '@relay/shared';
import { errorMessage } from '../../api/http';
import { notificationsApi } from '../../api/people';
import { Dialog } from '../../ui/Dialog';
import { FormFooter } from '../../ui/FormFooter';
import { ErrorState, LoadingState } from '../../ui/states';
import { toast } from '../../ui/toast-store';
import { CHANNEL_NAMES, KIND_INFO } from './kinds';

const same = (a: NotificationPreferences, b: NotificationPreferences) => NOTIFICATION_KINDS.every((k) => a[k] === b[k]);

/** Per kind of notification: in the bell, by email, in a daily digest, or not at all. */
export function NotificationSettings({ onClose }: { onClose(): void }) {
  const [saved, setSaved] = useState<NotificationPreferences | null>(null);
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setLoadError(null);
    notificationsApi.preferences().then(
      (p) => (setSaved(p), setDraft(p)),
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, []);
  useEffect(load, [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      await notificationsApi.savePreferences(draft);
      toast.success('Notification settings saved');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="Notification settings"
      onClose={onClose}
      className="dialog-settings"
      description="Everything but Off also shows in the bell. Email sends each one at once; Daily digest gathers them into one email a day."
    >
      {loadError ? (
        <ErrorState text={`Your settings could not be loaded: ${loadError}`} onRetry={load} />
      ) : !draft || !saved ? (
        <LoadingState text="Loading your settings…" />
      ) : (
        <form onSubmit={submit} aria-label="Notification settings">
          {NOTIFICATION_KINDS.map((kind) => (
            <fieldset key={kind} className="pref-row" disabled={busy}>
              <legend>{KIND_INFO[kind].setting}</legend>
              <span className="pref-hint muted small">{KIND_INFO[kind].hint}</span>
              <span className="pref-choices">
                {NOTIFICATION_CHANNELS.map((channel) => (
                  <label key={channel} className={`pref-choice ${draft[kind] === channel ? 'is-chosen' : ''}`}>
                    <input
                      type="radio"
                      name={`pref-${kind}`}
                      value={channel}
                      checked={draft[kind] === channel}
                      onChange={() => setDraft({ ...draft, [kind]: channel })}
                    />
                    {CHANNEL_NAMES[channel]}
                  </label>
                ))}
              </span>
            </fieldset>
          ))}
          <FormFooter
            variant="dialog"
            error={error}
            busy={busy}
            onCancel={onClose}
            submitLabel="Save"
            busyLabel="Saving…"
            submitDisabled={same(draft, saved)}
          />
        </form>
      )}
    </Dialog>
  );
}
