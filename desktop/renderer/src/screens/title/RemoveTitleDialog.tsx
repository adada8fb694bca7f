import { useTranslation } from 'react-i18next';
import type { TitleDetails } from '@reelshelf/shared/contracts';
import { href, navigate } from '../../app/router';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';

/** Removing a title takes its copies, viewings and reviews with it: ask first. */
export function RemoveTitleDialog({
  open,
  title,
  onClose,
}: {
  open: boolean;
  title: TitleDetails;
  onClose: () => void;
}) {
  const { t } = useTranslation('title');
  const remove = useAction('catalog.remove');
  return (
    <Dialog
      open={open}
      title={t('remove.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="button"
            className="primary danger-fill"
            disabled={remove.busy}
            onClick={async () => {
              if (await remove.run({ id: title.id })) navigate(href('library'), { replace: true });
            }}
          >
            {t('remove.confirm')}
          </button>
        </>
      }
    >
      <p>{t('remove.question', { title: title.title })}</p>
      <ErrorMessage error={remove.error} />
    </Dialog>
  );
}
