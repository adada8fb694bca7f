import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnedCopy } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { useFormat } from '../../i18n/format';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';
import { CopyDialog } from './CopyDialog';
import { LendDialog } from './LendDialog';
import { useFormatLabels } from './labels';

type Open = { kind: 'add' } | { kind: 'edit' | 'lend' | 'remove'; copy: OwnedCopy } | null;

/** The physical and digital copies the person owns, where they are and who has them. */
export function CopiesSection({ titleId, copies }: { titleId: string; copies: OwnedCopy[] }) {
  const { t } = useTranslation('title');
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <section className="card title-section" aria-labelledby="copies-heading">
      <div className="section-header">
        <h2 id="copies-heading">{t('copies.heading')}</h2>
        <button type="button" className="primary" onClick={() => setOpen({ kind: 'add' })}>
          {t('copies.add')}
        </button>
      </div>
      {copies.length === 0 ? (
        <p className="muted">{t('copies.none')}</p>
      ) : (
        <ul className="copy-list">
          {copies.map((copy) => (
            <CopyItem key={copy.id} copy={copy} onOpen={(kind) => setOpen({ kind, copy })} />
          ))}
        </ul>
      )}
      <CopyDialog
        open={open?.kind === 'add' || open?.kind === 'edit'}
        titleId={titleId}
        copy={open?.kind === 'edit' ? open.copy : null}
        onClose={close}
      />
      <LendDialog
        open={open?.kind === 'lend'}
        copy={open?.kind === 'lend' ? open.copy : null}
        onClose={close}
      />
      <RemoveCopyDialog copy={open?.kind === 'remove' ? open.copy : null} onClose={close} />
    </section>
  );
}

function CopyItem({ copy, onOpen }: { copy: OwnedCopy; onOpen: (kind: 'edit' | 'lend' | 'remove') => void }) {
  const { t } = useTranslation('title');
  const format = useFormat();
  const labels = useFormatLabels();
  const giveBack = useAction('copies.return');
  const name = [labels[copy.format], copy.edition].filter(Boolean).join(' — ');
  const details: [string, string][] = [
    [t('copies.barcode'), copy.barcode ?? ''],
    [t('copies.region'), copy.region ?? ''],
    [t('copies.location'), copy.location ?? ''],
    [t('copies.purchaseDate'), copy.purchaseDate ? format.day(copy.purchaseDate) : ''],
    [t('copies.file'), copy.file?.path ?? ''],
    [t('copies.notes'), copy.notes ?? ''],
  ];
  return (
    <li className="copy">
      <p className="copy-name">
        <strong>{name}</strong>
      </p>
      <dl className="facts">
        {details
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {copy.loan && (
        <p className="loan">
          {t('copies.lentTo', { borrower: copy.loan.borrower, since: format.day(copy.loan.since) })}
          {copy.loan.due && <> {t('copies.due', { date: format.day(copy.loan.due) })}</>}
        </p>
      )}
      <div className="row-actions">
        <button type="button" onClick={() => onOpen('edit')}>
          {t('common:actions.edit')}
          <span className="visually-hidden"> {name}</span>
        </button>
        {copy.loan ? (
          <button type="button" disabled={giveBack.busy} onClick={() => void giveBack.run({ id: copy.id })}>
            {t('copies.return')}
            <span className="visually-hidden"> {name}</span>
          </button>
        ) : (
          <button type="button" onClick={() => onOpen('lend')}>
            {t('copies.lend')}
            <span className="visually-hidden"> {name}</span>
          </button>
        )}
        <button type="button" className="danger" onClick={() => onOpen('remove')}>
          {t('common:actions.remove')}
          <span className="visually-hidden"> {name}</span>
        </button>
      </div>
      <ErrorMessage error={giveBack.error} />
    </li>
  );
}

function RemoveCopyDialog({ copy, onClose }: { copy: OwnedCopy | null; onClose: () => void }) {
  const { t } = useTranslation('title');
  const labels = useFormatLabels();
  const remove = useAction('copies.remove');
  return (
    <Dialog
      open={copy !== null}
      title={t('copies.removeTitle')}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={remove.busy}
            onClick={async () => {
              if (copy && (await remove.run({ id: copy.id }))) onClose();
            }}
          >
            {t('copies.removeConfirm')}
          </button>
        </>
      }
    >
      <p>
        {copy &&
          t('copies.removeQuestion', {
            name: [labels[copy.format], copy.edition].filter(Boolean).join(' — '),
          })}
      </p>
      <ErrorMessage error={remove.error} />
    </Dialog>
  );
}
