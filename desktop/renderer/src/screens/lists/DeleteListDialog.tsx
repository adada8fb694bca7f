import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { List } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';

/** Deleting a list cannot be undone, so it is asked once more; the titles stay in the library. */
export function DeleteListDialog({
  list,
  onClose,
  onDeleted,
}: {
  list: List;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('lists');
  const remove = useAction('lists.remove');
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice takes focus, after the dialog's own showModal() has run.
  useEffect(() => cancel.current?.focus(), []);
  const confirm = async () => {
    if (await remove.run({ id: list.id })) onDeleted();
  };
  return (
    <Dialog
      open
      title={t('delete.title', { name: list.name })}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} ref={cancel}>
            {t('common:actions.cancel')}
          </button>
          <button type="button" className="danger" onClick={() => void confirm()} disabled={remove.busy}>
            {t('delete.confirm')}
          </button>
        </>
      }
    >
      <p>{list.query ? t('delete.smartBody') : t('delete.body', { count: list.itemCount })}</p>
      <ErrorMessage error={remove.error} />
    </Dialog>
  );
}
