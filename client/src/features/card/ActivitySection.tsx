import { useState, type FormEvent } from 'react';
import type { CardEvent } from '@relay/shared';
import { cardsApi } from '../../api/cards';
import { errorMessage } from '../../api/http';
import { Field } from '../../ui/Field';
import { useKeptText } from '../../ui/use-kept-text';
import { useSession } from '../auth/session-store';
import { MentionTextarea } from './MentionTextarea';
import { usePeople } from './use-people';
import { describeEvent, eventActor } from './utils/describe-event';

function when(iso: string): string {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** What happened to the card, newest first, and a box to comment. */
export function ActivitySection({ cardId, events, onCommented }: { cardId: string; events: CardEvent[]; onCommented(): void }) {
  const userId = useSession((s) => s.user?.id ?? null);
  // A comment being written survives closing the card and a reload (kept per person and card in this browser).
  const [body, setBody, clearBody] = useKeptText(userId ? `relay.comment-draft.${userId}.${cardId}` : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { people } = usePeople(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (body.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await cardsApi.comment(cardId, body.trim());
      clearBody();
      onCommented();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const newestFirst = [...events].reverse();
  return (
    <div className="activity">
      <form className="comment-form" onSubmit={submit}>
        <Field name="body" label="Comment" error={error}>
          {(control) => (
            <MentionTextarea
              {...control}
              rows={2}
              value={body}
              onChange={setBody}
              people={people}
              placeholder="Write a comment; @mention someone to tell them"
              disabled={busy}
            />
          )}
        </Field>
        <div className="form-actions">
          {body.trim() !== '' && !busy && (
            <span className="muted small" role="status">
              Draft kept on this device
            </span>
          )}
          <button type="submit" className="button button-small button-primary" disabled={busy || body.trim() === ''}>
            {busy ? 'Posting…' : 'Post comment'}
          </button>
        </div>
      </form>
      {newestFirst.length === 0 ? (
        <p className="muted">No activity yet.</p>
      ) : (
        <ol className="timeline" aria-label="Activity">
          {newestFirst.map((e) => (
            <li key={e.id} className={`timeline-item event-${e.type}`}>
              <span className="timeline-who">{eventActor(e)}</span> {describeEvent(e)}
              <time className="muted small" dateTime={e.at}>
                {when(e.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
