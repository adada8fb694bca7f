import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { FieldError, FormError, invalidProps, localToday } from './form';

/** One more viewing: today unless another day is picked, or "date unknown" for one long ago. */
export function LogViewingDialog({
  open,
  titleId,
  onClose,
}: {
  open: boolean;
  titleId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('title');
  const add = useAction('watch.add');
  const [day, setDay] = useState(localToday());
  const [unknown, setUnknown] = useState(false);

  useEffect(() => {
    if (!open) return;
    setDay(localToday());
    setUnknown(false);
    add.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const logged = await add.run({ titleId, watchedOn: unknown ? null : day });
    if (logged) onClose();
  };

  return (
    <Dialog open={open} title={t('history.logTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="viewing-date">{t('history.date')}</label>
          <input
            id="viewing-date"
            type="date"
            value={day}
            max={localToday()}
            disabled={unknown}
            required={!unknown}
            onChange={(e) => setDay(e.target.value)}
            {...invalidProps(add.error, 'watchedOn', 'viewing-date')}
          />
          <FieldError error={add.error} field="watchedOn" id="viewing-date" />
        </div>
        <label className="check">
          <input type="checkbox" checked={unknown} onChange={(e) => setUnknown(e.target.checked)} />{' '}
          {t('history.dateUnknown')}
        </label>
        <FormError error={add.error} fields={['watchedOn']} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={add.busy}>
            {t('history.logSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
