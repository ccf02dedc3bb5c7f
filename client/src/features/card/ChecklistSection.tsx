import { canCompleteItem, type Card, type CardChecklist, type CardChecklistItem, type Lane, type User } from '@relay/shared';
import { cardsApi } from '../../api/cards';
import { ChecklistValueInput } from './ChecklistValueInput';
import { usePeople } from './use-people';

interface Props {
  card: Card;
  lanes: readonly Lane[];
  user: User;
  accept(card: Card): void;
}

/** Checklists of every lane the card visited, the current lane first and open. */
export function ChecklistSection({ card, lanes, user, accept }: Props) {
  const ordered = [...card.checklists].sort((a, b) => (a.laneId === card.laneId ? -1 : b.laneId === card.laneId ? 1 : 0));
  if (ordered.length === 0) return <p className="muted">No checklist yet.</p>;
  return (
    <div className="checklists">
      {ordered.map((list) => (
        <details key={list.laneId} className="checklist" open={list.laneId === card.laneId}>
          <summary>
            <span>{list.laneName}</span>
            <Progress list={list} />
          </summary>
          <ul>
            {list.items
              .filter((i) => !i.retired || i.value !== null)
              .map((item) => (
                <ItemRow key={item.id} card={card} item={item} lane={lanes.find((l) => l.id === list.laneId)} user={user} accept={accept} />
              ))}
          </ul>
        </details>
      ))}
    </div>
  );
}

function Progress({ list }: { list: CardChecklist }) {
  const req = list.items.filter((i) => i.required && !i.retired);
  const done = req.filter((i) => i.value !== null && i.value !== false).length;
  return (
    <span className="muted small">
      {done}/{req.length} required
    </span>
  );
}

function ItemRow({
  card,
  item,
  lane,
  user,
  accept,
}: {
  card: Card;
  item: CardChecklistItem;
  lane: Lane | undefined;
  user: User;
  accept(c: Card): void;
}) {
  const editable = !!lane && !item.retired && canCompleteItem(user, lane, item);
  const write = async (action: () => Promise<Card>) => accept(await action());
  return (
    <li className="checklist-item" data-item-id={item.id} data-kind={item.kind}>
      <div className="checklist-label">
        <span>
          {item.label}
          {!item.required && <span className="muted small"> (optional)</span>}
          {item.role && <span className="role-tag">{item.role === 'manager' ? 'senior manager' : item.role}</span>}
          {item.audience === 'customer' && <span className="role-tag customer-tag">customer request</span>}
          {item.retired && <span className="role-tag">retired</span>}
        </span>
        {item.help && <span className="muted small">{item.help}</span>}
        {item.completedBy && item.completedAt && (
          <span className="muted small">
            {'customer' in item.completedBy ? `by ${item.completedBy.customer} (customer)` : item.completedBy.name},{' '}
            {new Date(item.completedAt).toLocaleDateString()}
          </span>
        )}
      </div>
      {editable ? (
        <ChecklistValueInput
          cardId={card.id}
          item={item}
          value={item.value}
          attachments={card.attachments}
          onSave={(value) => write(() => cardsApi.setItem(card.id, item.id, value))}
          onClear={() => write(() => cardsApi.clearItem(card.id, item.id))}
        />
      ) : (
        <ValueText card={card} item={item} />
      )}
    </li>
  );
}

function ValueText({ card, item }: { card: Card; item: CardChecklistItem }) {
  const v = item.value;
  if (v === null || v === false) return <span className="value-text muted">—</span>;
  if (item.kind === 'check') return <span className="value-text value-done">✓ Done</span>;
  if (typeof v === 'object') return <span className="value-text value-done">✓ Accepted by {v.name}</span>;
  if (item.kind === 'user') return <PersonName id={String(v)} />;
  if (item.kind === 'file') {
    const a = card.attachments.find((x) => x.id === v);
    return <span className="value-text">{a ? a.name : 'File attached'}</span>;
  }
  return <span className="value-text">{String(v)}</span>;
}

function PersonName({ id }: { id: string }) {
  const { people } = usePeople(null);
  return <span className="value-text">{people.find((p) => p.id === id)?.name ?? 'Someone'}</span>;
}
