import { useState, type FormEvent } from 'react';
import { useBoardStore } from '../../realtime/board-store';
import { Dialog } from '../../ui/Dialog';
import { toast } from '../../ui/toast-store';
import { useMoveFlow } from './move-flow';

/** Sending a card back needs a written reason; nothing already ticked is lost. */
export function BackMoveDialog({ cardId, toLaneId }: { cardId: string; toLaneId: string }) {
  const card = useBoardStore((s) => s.data?.cards[cardId]);
  const lane = useBoardStore((s) => s.data?.lanes.find((l) => l.id === toLaneId));
  const { closeBack, attemptMove } = useMoveFlow.getState();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim() === '') {
      setError('Write why the card goes back.');
      return;
    }
    closeBack();
    void attemptMove(cardId, toLaneId, reason.trim()).then((outcome) => {
      if (outcome === 'moved') toast.success(`${card?.title ?? 'Card'} sent back to ${lane?.name ?? 'an earlier lane'}`);
    });
  }

  return (
    <Dialog
      title={`Send ${card?.title ?? 'card'} back to ${lane?.name ?? 'an earlier lane'}`}
      onClose={closeBack}
      description="The team there will be told why. Nothing already ticked is lost."
    >
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>Reason</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required aria-invalid={!!error} autoFocus />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" className="button" onClick={closeBack}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Send back
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
