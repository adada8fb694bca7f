import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { List } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';

/**
 * Create a custom list, or rename one and change its description. The dialog stays open
 * with what was typed when the core refuses, so nothing has to be typed again.
 */
export function ListFormDialog({
  list,
  onClose,
  onSaved,
}: {
  /** The list to edit; left out to create a new one. */
  list?: List;
  onClose: () => void;
  onSaved: (list: List) => void;
}) {
  const { t } = useTranslation('lists');
  const formId = useId();
  const [name, setName] = useState(list?.name ?? '');
  const [description, setDescription] = useState(list?.description ?? '');
  const create = useAction('lists.create');
  const update = useAction('lists.update');
  const action = list ? update : create;
  const nameInput = useRef<HTMLInputElement>(null);
  // After the dialog's showModal() (a child effect, so it has run): start in the name field,
  // not on the close button the browser would pick.
  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = list
      ? await update.run({ id: list.id, name, description })
      : await create.run({ name, ...(description.trim() ? { description } : {}) });
    if (saved) onSaved(saved);
  };

  return (
    <Dialog
      open
      title={list ? t('form.editTitle', { name: list.name }) : t('form.createTitle')}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" form={formId} className="primary" disabled={action.busy}>
            {list ? t('common:actions.save') : t('form.create')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} className="list-form">
        <div className="field">
          <label htmlFor={`${formId}-name`}>{t('form.name')}</label>
          <input
            id={`${formId}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            ref={nameInput}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-description`}>{t('form.description')}</label>
          <textarea
            id={`${formId}-description`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={5000}
            rows={3}
          />
        </div>
        <ErrorMessage error={action.error} />
      </form>
    </Dialog>
  );
}
