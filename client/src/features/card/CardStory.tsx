import type { Card, CardEvent } from '@relay/shared';
import { returnedFrom, waitingForRole, waitingText } from './utils/card-story';

/** What the card is waiting on, in words: returned from a later lane with its reason, or a role's approval. */
export function CardStory({ card, events }: { card: Card; events: readonly CardEvent[] }) {
  const returned = returnedFrom(events, card);
  const role = waitingForRole(card);
  if (!returned && !role) return null;
  return (
    <div className="card-story">
      {returned && (
        <p className="notice card-returned" data-testid="card-returned">
          <strong>Returned from {returned.from}</strong>
          {returned.reason && `: ${returned.reason}`}
        </p>
      )}
      {role && (
        <p className="notice card-waiting" data-testid="card-waiting">
          {waitingText(role)}
        </p>
      )}
    </div>
  );
}
