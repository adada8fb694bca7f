import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ListItem } from '@reelshelf/shared/domain';
import { href } from '../../app/router';
import { Artwork } from '../../ui/Artwork';
import { NoteDialog } from './NoteDialog';

/** Which control in a row had focus, so it gets it back after the row moved or a row went. */
interface FocusRequest {
  titleId: string;
  control: string;
}

/**
 * A list's titles. An ordinary list can be reordered three ways that all end in `onMove`:
 * dragging the handle (mouse or touch), picking the handle up with Space and moving it with
 * the arrow keys (dnd-kit's keyboard sensor), or the Move up / Move down buttons and
 * Alt+ArrowUp / Alt+ArrowDown anywhere in a row. Its notes are edited in a dialog per row.
 * A smart list's titles are shown as found.
 */
export function ListItems({
  listRef,
  items,
  reorderable,
  onMove,
  onRemove,
  onNoteSaved,
  empty,
}: {
  /** The list as the core names it (id or system key), for lists.setNote. */
  listRef: string;
  items: ListItem[];
  reorderable: boolean;
  /** Returns false when the move went nowhere (already first or last). */
  onMove: (titleId: string, to: number) => boolean;
  onRemove: (titleId: string) => Promise<boolean>;
  /** The item as the core saved it after its note changed. */
  onNoteSaved: (item: ListItem) => void;
  /** Shown instead of the rows when there are none. */
  empty: ReactNode;
}) {
  const { t } = useTranslation('lists');
  const [announcement, setAnnouncement] = useState('');
  const [focusRequest, setFocusRequest] = useState<FocusRequest>();
  const [editingNote, setEditingNote] = useState<ListItem>();
  const container = useRef<HTMLOListElement>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const total = items.length;
  const indexOf = (id: UniqueIdentifier) => items.findIndex((i) => i.titleId === id);
  const titleOf = (id: UniqueIdentifier) => items[indexOf(id)]?.title ?? '';

  // React may move the focused row's element when the order changes, which drops focus;
  // put it back on the same control of the same title.
  useLayoutEffect(() => {
    if (!focusRequest) return;
    const row = container.current?.querySelector<HTMLElement>(
      `[data-title-id="${CSS_escape(focusRequest.titleId)}"]`,
    );
    const target =
      focusRequest.control === 'row'
        ? row
        : row?.querySelector<HTMLElement>(`[data-control="${focusRequest.control}"]`);
    if (target && document.activeElement !== target) target.focus();
    if (!row) document.getElementById('page-title')?.focus();
    setFocusRequest(undefined); // once: a later refresh must not pull focus back here
  }, [focusRequest, items]);

  const move = (item: ListItem, to: number, control: string) => {
    if (!onMove(item.titleId, to)) return;
    setFocusRequest({ titleId: item.titleId, control });
    setAnnouncement(t('movedTo', { title: item.title, position: to + 1, total }));
  };

  const remove = async (item: ListItem, index: number) => {
    // The neighbour that takes the removed row's place gets focus, on its Remove button.
    const neighbour = items[index + 1] ?? items[index - 1];
    if (!(await onRemove(item.titleId))) return;
    setAnnouncement(t('removedItem', { title: item.title }));
    setFocusRequest(
      neighbour ? { titleId: neighbour.titleId, control: 'remove' } : { titleId: '', control: 'row' },
    );
  };

  const noteSaved = (item: ListItem) => {
    setEditingNote(undefined); // the dialog gives focus back to the row's Edit note button
    onNoteSaved(item);
    setAnnouncement(t(item.note ? 'noteDialog.saved' : 'noteDialog.cleared', { title: item.title }));
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const item = items[indexOf(active.id)];
    if (item) move(item, indexOf(over.id), 'handle');
  };

  // dnd-kit speaks while dragging; the drop itself is announced by our own live region,
  // in the same words as a button move.
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('drag.start', { title: titleOf(active.id), position: indexOf(active.id) + 1, total }),
    onDragMove: () => undefined,
    onDragOver: ({ active, over }) =>
      over ? t('drag.over', { title: titleOf(active.id), position: indexOf(over.id) + 1, total }) : undefined,
    onDragEnd: ({ active, over }) =>
      !over || over.id === active.id
        ? t('drag.unchanged', { title: titleOf(active.id), position: indexOf(active.id) + 1, total })
        : undefined,
    onDragCancel: ({ active }) =>
      t('drag.cancel', { title: titleOf(active.id), position: indexOf(active.id) + 1, total }),
  };

  const rows = (
    <ol className="list-items" ref={container} aria-label={t('itemsLabel')}>
      {items.map((item, index) => (
        <Row
          key={item.titleId}
          item={item}
          index={index}
          total={total}
          reorderable={reorderable}
          onMove={move}
          onRemove={() => void remove(item, index)}
          onEditNote={() => setEditingNote(item)}
        />
      ))}
    </ol>
  );

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {total === 0 ? (
        empty
      ) : reorderable ? (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t('drag.instructions') } }}
        >
          <SortableContext items={items.map((i) => i.titleId)} strategy={verticalListSortingStrategy}>
            {rows}
          </SortableContext>
        </DndContext>
      ) : (
        rows
      )}
      {editingNote && (
        <NoteDialog
          listRef={listRef}
          item={editingNote}
          onClose={() => setEditingNote(undefined)}
          onSaved={noteSaved}
        />
      )}
    </>
  );
}

function Row({
  item,
  index,
  total,
  reorderable,
  onMove,
  onRemove,
  onEditNote,
}: {
  item: ListItem;
  index: number;
  total: number;
  reorderable: boolean;
  onMove: (item: ListItem, to: number, control: string) => void;
  onRemove: () => void;
  onEditNote: () => void;
}) {
  const { t } = useTranslation('lists');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id: item.titleId,
      disabled: !reorderable,
      attributes: { roleDescription: t('drag.roleDescription') },
    });
  const first = index === 0;
  const last = index === total - 1;

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!reorderable || !event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (!step) return;
    event.preventDefault();
    const control =
      (document.activeElement?.closest('[data-control]') as HTMLElement | null)?.dataset.control ?? 'row';
    onMove(item, index + step, control);
  };

  return (
    <li
      ref={reorderable ? setNodeRef : undefined}
      className={`list-item${isDragging ? ' dragging' : ''}`}
      style={reorderable ? { transform: CSS.Translate.toString(transform), transition } : undefined}
      data-title-id={item.titleId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      {reorderable && (
        <button
          type="button"
          className="drag-handle"
          ref={setActivatorNodeRef}
          data-control="handle"
          {...attributes}
          {...listeners}
          aria-label={t('dragHandle', { title: item.title })}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      <span className="list-item-position" aria-hidden="true">
        {index + 1}
      </span>
      <Artwork id={item.titleId} className="list-item-poster" />
      <div className="list-item-text">
        <a href={href('title', item.titleId)} data-control="link" className="list-item-title">
          {item.title}
        </a>
        {item.year !== null && <span className="muted"> ({item.year})</span>}
        {item.note && (
          <p className="list-item-note">
            <span className="visually-hidden">{t('note')}: </span>
            {item.note}
          </p>
        )}
      </div>
      {reorderable && (
        <div className="list-item-actions">
          <MoveButton
            label={t('moveUp', { title: item.title })}
            control="up"
            arrow="↑"
            disabled={first}
            onClick={() => onMove(item, index - 1, 'up')}
          />
          <MoveButton
            label={t('moveDown', { title: item.title })}
            control="down"
            arrow="↓"
            disabled={last}
            onClick={() => onMove(item, index + 1, 'down')}
          />
          <button
            type="button"
            data-control="note"
            aria-label={t('editNoteFor', { title: item.title })}
            onClick={onEditNote}
          >
            {t('editNote')}
          </button>
          <button
            type="button"
            className="danger"
            data-control="remove"
            aria-label={t('removeItem', { title: item.title })}
            onClick={onRemove}
          >
            {t('common:actions.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * aria-disabled rather than disabled: a button that becomes disabled under the keyboard
 * (the row just reached the top) would drop focus to the page.
 */
function MoveButton({
  label,
  control,
  arrow,
  disabled,
  onClick,
}: {
  label: string;
  control: string;
  arrow: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="icon-button move-button"
      data-control={control}
      aria-label={label}
      title={label}
      aria-disabled={disabled || undefined}
      onClick={() => !disabled && onClick()}
    >
      <span aria-hidden="true">{arrow}</span>
    </button>
  );
}

const CSS_escape = (value: string) => (window.CSS?.escape ? window.CSS.escape(value) : value);
