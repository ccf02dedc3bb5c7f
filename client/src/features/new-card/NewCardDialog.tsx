import { summaryOf, type Card } from '@relay/shared';
import { useBoardStore } from '../../realtime/board-store';
import { Dialog } from '../../ui/Dialog';
import { toast } from '../../ui/toast-store';
import { useUser } from '../auth/session-store';
import { NewCardForm } from './NewCardForm';

export function NewCardDialog({ onClose }: { onClose(): void }) {
  const user = useUser();
  function created(card: Card) {
    useBoardStore.getState().putCard(summaryOf(card));
    toast.success(`${card.title} was created in ${card.lane?.name ?? 'Operations Intake'}`);
    onClose();
  }
  return (
    <Dialog
      title="New onboarding"
      onClose={onClose}
      className="dialog-wide"
      description="The card starts in Operations Intake; operations is told at once. What you type is kept until you create it."
    >
      <NewCardForm onCreated={created} onCancel={onClose} draftOwner={user.id} />
    </Dialog>
  );
}
