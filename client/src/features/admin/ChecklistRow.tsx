import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ChecklistTemplateItem } from '@relay/shared';
import { roleName } from '../../utils/card-summary';
import { KIND_NAMES } from './names';

/** What an item is, at a glance: label, kind, required or optional, who may complete it, its options and rules. */
export function ItemSummary({ item }: { item: ChecklistTemplateItem }) {
  const r = item.rules ?? {};
  const rules = [
    r.greaterThan !== undefined ? `greater than ${r.greaterThan}` : '',
    r.min !== undefined ? `at least ${r.min}` : '',
    r.mustBe !== undefined ? `must be "${r.mustBe}" to pass` : '',
    r.pickRole ? `a ${roleName(r.pickRole)}` : '',
  ].filter(Boolean);
  return (
    <div className="item-summary">
      <span className="item-label">
        {item.label}
        {item.retired && <span className="badge badge-retired">Retired</span>}
      </span>
      <span className="item-tags small">
        <span className="tag">{KIND_NAMES[item.kind]}</span>
        <span className={`tag ${item.required ? 'tag-required' : ''}`}>{item.required ? 'Required' : 'Optional'}</span>
        {item.role && <span className="tag">{roleName(item.role)} only</span>}
        {item.options && item.options.length > 0 && <span className="muted">{item.options.join(' / ')}</span>}
        {rules.length > 0 && <span className="muted">· {rules.join(', ')}</span>}
      </span>
      {item.help && <span className="muted small">{item.help}</span>}
      {item.retired && <span className="muted small">Values already recorded on cards are kept.</span>}
    </div>
  );
}

interface RowProps {
  item: ChecklistTemplateItem;
  index: number;
  count: number;
  /** This row is the one being dragged (the overlay shows it meanwhile). */
  dragging: boolean;
  onStep(delta: -1 | 1): void;
  onEdit(): void;
  onRetire(): void;
}

/** One active item: a drag handle, its summary, and buttons to move it up or down, edit or retire it. */
export function ChecklistRow({ item, index, count, dragging, onStep, onEdit, onRetire }: RowProps) {
  const drag = useSortable({ id: item.id });
  return (
    <li
      ref={drag.setNodeRef}
      style={{ transform: CSS.Translate.toString(drag.transform), transition: drag.transition }}
      className={`item-row ${dragging ? 'is-dragging' : ''} ${drag.isOver && !dragging ? 'is-over' : ''}`}
      data-item-id={item.id}
    >
      <button
        type="button"
        ref={drag.setActivatorNodeRef}
        className="drag-handle"
        {...drag.attributes}
        {...drag.listeners}
        aria-label={`Drag ${item.label} to reorder`}
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          {[3, 7, 11].flatMap((y) => [4, 10].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.4" fill="currentColor" />))}
        </svg>
      </button>
      <span className="item-number" aria-hidden="true">
        {index + 1}
      </span>
      <ItemSummary item={item} />
      <span className="item-actions">
        <button
          type="button"
          className="icon-button small-icon"
          data-move={`${item.id}:up`}
          aria-label={`Move ${item.label} up`}
          title="Move up"
          disabled={index === 0}
          onClick={() => onStep(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button small-icon"
          data-move={`${item.id}:down`}
          aria-label={`Move ${item.label} down`}
          title="Move down"
          disabled={index === count - 1}
          onClick={() => onStep(1)}
        >
          ↓
        </button>
        <button type="button" className="button button-small" aria-label={`Edit ${item.label}`} onClick={onEdit}>
          Edit
        </button>
        <button type="button" className="button button-small" aria-label={`Retire ${item.label}`} onClick={onRetire}>
          Retire
        </button>
      </span>
    </li>
  );
}
