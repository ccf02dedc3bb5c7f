import { useState } from 'react';
import type { CardSummary, User } from '@relay/shared';
import { Dialog } from '../../ui/Dialog';
import { openCard } from '../../utils/url-state';
import { MoveActions } from '../card/MoveActions';

/**
 * The tile's menu ("⋯", beside the tile rather than inside it: a button within the tile's button would be
 * nested interactive content): move on, send back or open, without dragging — by touch on a phone too.
 */
export function TileMenu({ card, user }: { card: CardSummary; user: User }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="tile-menu-button" aria-label={`Actions for ${card.title}`} onClick={() => setOpen(true)}>
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <Dialog title={card.title} onClose={() => setOpen(false)} className="tile-menu">
          <MoveActions cardId={card.id} user={user} onAction={() => setOpen(false)} />
          <footer className="dialog-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setOpen(false);
                openCard(card.id);
              }}
            >
              Open card
            </button>
          </footer>
        </Dialog>
      )}
    </>
  );
}
