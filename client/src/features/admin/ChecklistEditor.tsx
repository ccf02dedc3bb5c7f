import { useMemo, useRef, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { ChecklistTemplateItem, Lane } from '@relay/shared';
import { adminApi } from '../../api/admin';
import { errorMessage } from '../../api/http';
import { Dialog } from '../../ui/Dialog';
import { toast } from '../../ui/toast-store';
import { ChecklistItemForm } from './ChecklistItemForm';
import { ChecklistRow, ItemSummary } from './ChecklistRow';
import { activeItems, retiredItems, withAdded, withOrder, withPatched, withRetired } from './utils/checklist-items';
import { draftFromItem, emptyDraft, toItemPatch, toNewItem, type ItemDraft } from './utils/item-draft';

type Mode = { kind: 'idle' } | { kind: 'add' } | { kind: 'edit'; id: string };

function useAnnouncements(items: readonly ChecklistTemplateItem[]): Announcements {
  const label = (id: unknown) => items.find((i) => i.id === id)?.label ?? 'Item';
  const place = (id: unknown) => `position ${items.findIndex((i) => i.id === id) + 1} of ${items.length}`;
  return {
    onDragStart: ({ active }) =>
      `Picked up ${label(active.id)}, ${place(active.id)}. Use the up and down arrows to move it, space to drop, escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over ? `${label(active.id)} is over ${place(over.id)}.` : `${label(active.id)} is not over the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `${label(active.id)} was dropped at ${place(over.id)}.` : `${label(active.id)} was not moved.`,
    onDragCancel: ({ active }) => `Moving ${label(active.id)} was cancelled.`,
  };
}

/**
 * A lane's checklist template: add, edit, reorder (drag and drop, or the move buttons) and retire items.
 * Shows the server's answers at once; the board's refetch after `board.changed` then replaces them.
 */
export function ChecklistEditor({ lane }: { lane: Lane }) {
  // The lane's checklist as last read, with this editor's saved changes on top until the next read.
  const [source, setSource] = useState(lane.checklist);
  const [items, setItems] = useState(lane.checklist);
  if (source !== lane.checklist) {
    setSource(lane.checklist);
    setItems(lane.checklist);
  }
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [retiring, setRetiring] = useState<ChecklistTemplateItem | null>(null);
  const [retireBusy, setRetireBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);
  const active = useMemo(() => activeItems(items), [items]);
  const retired = useMemo(() => retiredItems(items), [items]);
  const announcements = useAnnouncements(active);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  async function add(draft: ItemDraft) {
    const created = await adminApi.addItem(lane.id, toNewItem(draft));
    setItems((list) =>
      withAdded(list, { help: null, role: null, options: null, rules: null, ...created, laneId: lane.id, retired: false }),
    );
    setMode({ kind: 'idle' });
    toast.success(`"${created.label}" was added to ${lane.name}`);
  }

  async function edit(item: ChecklistTemplateItem, draft: ItemDraft) {
    const patch = toItemPatch(item, draft);
    if (Object.keys(patch).length > 0) {
      await adminApi.patchItem(item.id, patch);
      setItems((list) => withPatched(list, item.id, patch));
      toast.success(`"${patch.label ?? item.label}" was saved`);
    }
    setMode({ kind: 'idle' });
  }

  async function retire(item: ChecklistTemplateItem) {
    setError(null);
    setRetireBusy(true);
    try {
      await adminApi.retireItem(item.id);
      setItems((list) => withRetired(list, item.id));
      setStatus(`"${item.label}" was retired.`);
      toast.success(`"${item.label}" was retired`);
    } catch (err) {
      setError(`"${item.label}" could not be retired: ${errorMessage(err)}`);
    } finally {
      setRetiring(null);
      setRetireBusy(false);
    }
  }

  async function reorder(ids: string[], movedId: string) {
    const before = items;
    setError(null);
    setItems(withOrder(items, ids));
    const label = items.find((i) => i.id === movedId)?.label ?? 'Item';
    setStatus(`${label} is now at position ${ids.indexOf(movedId) + 1} of ${ids.length}.`);
    try {
      await adminApi.reorder(lane.id, ids);
    } catch (err) {
      setItems(before);
      setError(`The new order was not saved: ${errorMessage(err)}`);
    }
  }

  /** Moves `id` to `to` in the active list (the move buttons and a drop); nothing when it stays put. */
  function moveTo(id: string, to: number): string[] | null {
    const ids = active.map((i) => i.id);
    const from = ids.indexOf(id);
    if (from < 0 || to < 0 || to >= ids.length || from === to) return null;
    const next = arrayMove(ids, from, to);
    void reorder(next, id);
    return next;
  }

  function step(item: ChecklistTemplateItem, delta: -1 | 1) {
    const ids = moveTo(item.id, active.findIndex((i) => i.id === item.id) + delta);
    if (!ids) return;
    // Keep the keyboard where it was: on the same button, or the other one when the item reached an end.
    const index = ids.indexOf(item.id);
    const dir = (delta < 0 && index === 0) || (delta > 0 && index === ids.length - 1) ? -delta : delta;
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`[data-move="${item.id}:${dir < 0 ? 'up' : 'down'}"]`)?.focus());
  }

  function onDragEnd({ active: dragged, over }: DragEndEvent) {
    setDragging(null);
    if (over)
      moveTo(
        String(dragged.id),
        active.findIndex((i) => i.id === over.id),
      );
  }

  const draggedItem = dragging ? active.find((i) => i.id === dragging) : undefined;
  const required = active.filter((i) => i.required).length;
  return (
    <section ref={root} className="checklist-editor" aria-labelledby={`checklist-${lane.id}`}>
      <header className="section-header">
        <h3 id={`checklist-${lane.id}`}>Checklist of {lane.name}</h3>
        <span className="muted small">
          {active.length} items, {required} required
        </span>
      </header>
      <p className="muted small">
        Changes apply to cards that enter {lane.name} from now on, and to cards in it now for items they have not answered. Retired items
        keep the values already recorded on cards.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: 'To reorder, press space or enter on the handle, then the up and down arrows, and space again to drop.',
          },
        }}
        onDragStart={({ active: a }) => setDragging(String(a.id))}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        {active.length === 0 ? (
          <p className="muted">No items yet: a card leaves {lane.name} without ticking anything.</p>
        ) : (
          <SortableContext items={active.map((i) => i.id)} strategy={verticalListSortingStrategy}>
            <ol className="item-list" aria-label={`Items of ${lane.name}, in order`}>
              {active.map((item, index) =>
                mode.kind === 'edit' && mode.id === item.id ? (
                  <li key={item.id} className="item-row is-editing">
                    <ChecklistItemForm
                      initial={draftFromItem(item)}
                      editing
                      onSubmit={(d) => edit(item, d)}
                      onCancel={() => setMode({ kind: 'idle' })}
                    />
                  </li>
                ) : (
                  <ChecklistRow
                    key={item.id}
                    item={item}
                    index={index}
                    count={active.length}
                    dragging={dragging === item.id}
                    onStep={(delta) => step(item, delta)}
                    onEdit={() => setMode({ kind: 'edit', id: item.id })}
                    onRetire={() => setRetiring(item)}
                  />
                ),
              )}
            </ol>
          </SortableContext>
        )}
        <DragOverlay dropAnimation={null}>
          {draggedItem ? (
            <div className="item-row is-overlay">
              <ItemSummary item={draggedItem} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      {mode.kind === 'add' ? (
        <div className="item-row is-editing">
          <ChecklistItemForm initial={emptyDraft()} onSubmit={add} onCancel={() => setMode({ kind: 'idle' })} />
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setMode({ kind: 'add' })}>
          + Add item to {lane.name}
        </button>
      )}
      {retired.length > 0 && (
        <section className="retired-items" aria-labelledby={`retired-${lane.id}`}>
          <h4 id={`retired-${lane.id}`}>Retired items</h4>
          <ul className="item-list">
            {retired.map((item) => (
              <li key={item.id} className="item-row is-retired" data-item-id={item.id}>
                <ItemSummary item={item} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {retiring && (
        <Dialog title={`Retire "${retiring.label}"?`} onClose={() => setRetiring(null)}>
          <p>
            Cards entering {lane.name} will no longer need it, and it stops holding up cards there now. Values already recorded on cards are
            kept and shown as retired. A retired item cannot be brought back; add a new one instead.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setRetiring(null)}>
              Keep it
            </button>
            <button type="button" className="button button-danger" disabled={retireBusy} onClick={() => void retire(retiring)}>
              {retireBusy ? 'Retiring…' : 'Retire item'}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
