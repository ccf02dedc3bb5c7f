import type { Card, Lane, User } from '@relay/shared';
import { errorMessage } from '../../api/http';
import { toast } from '../../ui/toast-store';
import { useDepartmentName } from '../../realtime/board-store';
import type { CardState } from './use-card';
import { usePeople } from './use-people';
import { peopleForLane } from './utils/people-for-lane';

/** The card's assignee: those who may assign pick, the lane's department offered first. */
export function AssigneePicker({
  card,
  lane,
  canEdit,
  patch,
}: {
  card: Card;
  lane: Lane | undefined;
  canEdit: boolean;
  patch: CardState['patch'];
}) {
  const { people } = usePeople(null);
  const departmentName = useDepartmentName();
  if (!canEdit) return <span>Assignee: {card.assignee?.name ?? 'nobody'}</span>;
  const { department, others } = peopleForLane(people, lane?.department ?? null);
  const option = (p: Pick<User, 'id' | 'name'>) => (
    <option key={p.id} value={p.id}>
      {p.name}
    </option>
  );
  return (
    <label className="inline-field">
      <span>Assignee</span>
      <select
        value={card.assignee?.id ?? ''}
        onChange={(e) =>
          void patch({ assigneeId: e.target.value || null }).then(
            () => toast.success('Assignee saved'),
            (err: unknown) => toast.error(errorMessage(err)),
          )
        }
      >
        <option value="">Nobody</option>
        {card.assignee && !people.some((p) => p.id === card.assignee?.id) && option(card.assignee)}
        {department.length > 0 ? (
          <>
            <optgroup label={departmentName(lane?.department ?? null)}>{department.map(option)}</optgroup>
            {others.length > 0 && <optgroup label="Everyone else">{others.map(option)}</optgroup>}
          </>
        ) : (
          others.map(option)
        )}
      </select>
    </label>
  );
}
