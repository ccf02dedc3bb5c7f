import { useState, type FormEvent } from 'react';
import { allowedTargets } from '@relay/shared';
import { useBoardStore } from '../../realtime/board-store';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { toast } from '../../ui/toast-store';
import { useMoveFlow } from './move-flow';

/**
 * Sending a card back needs a written reason; nothing already ticked is lost. A drop names the lane; the
 * "Send back…" button (`toLaneId: null`) lets the person choose among the earlier lanes, the previous first.
 */
export function BackMoveDialog({ cardId, toLaneId }: { cardId: string; toLaneId: string | null }) {
  const card = useBoardStore((s) => s.data?.cards[cardId]);
  const lanes = useBoardStore((s) => s.data?.lanes);
  const from = lanes?.find((l) => l.id === card?.laneId);
  const earlier = from && lanes ? allowedTargets(from, lanes).back.reverse() : [];
  const { closeBack, attemptMove } = useMoveFlow.getState();
  const [chosen, setChosen] = useState<string>(toLaneId ?? earlier[0]?.id ?? '');
  const lane = lanes?.find((l) => l.id === chosen);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim() === '') {
      setError('Write why the card goes back.');
      return;
    }
    if (!chosen) return;
    closeBack();
    void attemptMove(cardId, chosen, reason.trim()).then((outcome) => {
      if (outcome === 'moved') toast.success(`${card?.title ?? 'Card'} sent back to ${lane?.name ?? 'an earlier lane'}`);
    });
  }

  return (
    <Dialog
      title={toLaneId ? `Send ${card?.title ?? 'card'} back to ${lane?.name ?? 'an earlier lane'}` : `Send ${card?.title ?? 'card'} back`}
      onClose={closeBack}
      description="The team there will be told why. Nothing already ticked is lost."
    >
      <form onSubmit={submit} noValidate>
        {!toLaneId && (
          <Field name="toLane" label="Send it back to">
            {(control) => (
              <select {...control} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                {earlier.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field name="reason" label="Reason" error={error} required>
          {(control) => <textarea {...control} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} autoFocus />}
        </Field>
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
