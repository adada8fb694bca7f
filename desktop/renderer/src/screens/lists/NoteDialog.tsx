import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListItem } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';

/**
 * Edit the note of one title on a list (lists.setNote). Saving an empty note removes it.
 * When the core refuses, the dialog stays open with what was typed.
 */
export function NoteDialog({
  listRef,
  item,
  onClose,
  onSaved,
}: {
  listRef: string;
  item: ListItem;
  onClose: () => void;
  onSaved: (item: ListItem) => void;
}) {
  const { t } = useTranslation('lists');
  const formId = useId();
  const [note, setNote] = useState(item.note ?? '');
  const setNoteAction = useAction('lists.setNote');
  const field = useRef<HTMLTextAreaElement>(null);
  // After showModal() (a child effect, so it has run): start in the text, cursor at its end.
  useEffect(() => {
    const el = field.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await setNoteAction.run({
      list: listRef,
      titleId: item.titleId,
      note: note.trim() || null,
    });
    if (saved) onSaved(saved);
  };

  return (
    <Dialog
      open
      title={t('noteDialog.title', { title: item.title })}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" form={formId} className="primary" disabled={setNoteAction.busy}>
            {t('common:actions.save')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} className="list-form">
        <div className="field">
          <label htmlFor={`${formId}-note`}>{t('noteDialog.label')}</label>
          <textarea
            id={`${formId}-note`}
            ref={field}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={5000}
            rows={5}
            aria-describedby={`${formId}-hint`}
          />
          <p id={`${formId}-hint`} className="muted note-hint">
            {t('noteDialog.hint')}
          </p>
        </div>
        <ErrorMessage error={setNoteAction.error} />
      </form>
    </Dialog>
  );
}
