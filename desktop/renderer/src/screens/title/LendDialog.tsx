import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnedCopy } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { FieldError, FormError, invalidProps, localToday, optionalText } from './form';

/** Who borrowed the copy, since when, and when it should come back. */
export function LendDialog({
  open,
  copy,
  onClose,
}: {
  open: boolean;
  copy: OwnedCopy | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('title');
  const lend = useAction('copies.lend');
  const [borrower, setBorrower] = useState('');
  const [since, setSince] = useState(localToday());
  const [due, setDue] = useState('');

  useEffect(() => {
    if (!open) return;
    setBorrower('');
    setSince(localToday());
    setDue('');
    lend.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!copy) return;
    const dueDay = optionalText(due);
    const lent = await lend.run({ id: copy.id, loan: { borrower, since, ...(dueDay && { due: dueDay }) } });
    if (lent) onClose();
  };
  const error = lend.error;

  return (
    <Dialog open={open} title={t('lend.title')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="lend-borrower">{t('lend.borrower')}</label>
          <input
            id="lend-borrower"
            value={borrower}
            onChange={(e) => setBorrower(e.target.value)}
            {...invalidProps(error, 'loan.borrower', 'lend-borrower')}
          />
          <FieldError error={error} field="loan.borrower" id="lend-borrower" />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="lend-since">{t('lend.since')}</label>
            <input
              id="lend-since"
              type="date"
              value={since}
              onChange={(e) => setSince(e.target.value)}
              {...invalidProps(error, 'loan.since', 'lend-since')}
            />
            <FieldError error={error} field="loan.since" id="lend-since" />
          </div>
          <div className="field">
            <label htmlFor="lend-due">{t('lend.due')}</label>
            <input
              id="lend-due"
              type="date"
              value={due}
              min={since || undefined}
              onChange={(e) => setDue(e.target.value)}
              {...invalidProps(error, 'loan.due', 'lend-due')}
            />
            <FieldError error={error} field="loan.due" id="lend-due" />
          </div>
        </div>
        <FormError error={error} fields={['loan.borrower', 'loan.since', 'loan.due']} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={lend.busy}>
            {t('lend.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
