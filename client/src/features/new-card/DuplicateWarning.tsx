import type { CardSummary } from '@relay/shared';
interface Props {
  cards: CardSummary[];
  busy: boolean;
  onCreateAnyway(): void;
  /** Opens an existing card (the form closes; what was typed is kept). */
  onOpen(cardId: string): void;
}

/** The server found open onboardings for the same customer: links to them, or create another anyway. */
export function DuplicateWarning({ cards, busy, onCreateAnyway, onOpen }: Props) {
  return (
    <div className="notice duplicate-warning" role="alert">
      <p>
        <strong>
          {cards.length === 1 ? 'This customer already has an open onboarding:' : 'This customer already has open onboardings:'}
        </strong>
      </p>
      <ul>
        {cards.map((c) => (
          <li key={c.id}>
            <a
              href={`/?card=${encodeURIComponent(c.id)}`}
              onClick={(e) => {
                e.preventDefault();
                onOpen(c.id);
              }}
            >
              {c.title}
            </a>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-small" disabled={busy} onClick={onCreateAnyway}>
        Create anyway
      </button>
    </div>
  );
}
