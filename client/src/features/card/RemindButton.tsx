import { useState } from 'react';
import type { CardSummary, Lane, Role } from '@relay/shared';
import { cardsApi } from '../../api/cards';
import { errorMessage } from '../../api/http';
import { useBoardStore } from '../../realtime/board-store';
import { toast } from '../../ui/toast-store';
import { remindedText } from './utils/reminded';

interface Props {
  card: Pick<CardSummary, 'id' | 'assignee'>;
  lane: Pick<Lane, 'name' | 'department' | 'role' | 'terminal'>;
  /** One missing item (the refusal panel), or the whole lane (the drawer). */
  item?: { itemId: string; label: string; role: Role | null };
  className?: string;
}

/** Nudges the owners of the card's lane (or of one item) by hand; the toast says who was reminded. */
export function RemindButton({ card, lane, item, className = 'button button-small' }: Props) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const departments = useBoardStore((s) => s.data?.departments);
  if (lane.terminal) return null;
  const who = remindedText(lane, card.assignee, item?.role ?? null, departments);
  async function remind() {
    setState('sending');
    try {
      await cardsApi.remind(card.id, item?.itemId);
      setState('sent');
      toast.success(`Reminder sent to ${who}`);
    } catch (err) {
      setState('idle');
      toast.error(errorMessage(err));
    }
  }
  return (
    <button
      type="button"
      className={className}
      disabled={state !== 'idle'}
      onClick={() => void remind()}
      aria-label={state !== 'idle' ? undefined : item ? `Remind ${who} about ${item.label}` : `Remind ${who} about ${lane.name}`}
    >
      {state === 'sent' ? 'Reminded' : state === 'sending' ? 'Sending…' : 'Remind'}
    </button>
  );
}
