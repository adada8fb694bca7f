import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction, useQuery } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';
import { Field, fieldError } from './AddTitleDialog';
import { libraryHref, paramsFromQuery, toSavedQuery, type LibraryQuery } from './filters';

/**
 * The smart lists (lists with a saved query) as links that show their titles here. Asked
 * for once the titles have come (`enabled`): the core answers in order, and counting each
 * smart list's titles should not hold up the first screenful.
 */
export function SmartListLinks({ current, enabled }: { current: LibraryQuery; enabled: boolean }) {
  const { t } = useTranslation('library');
  const lists = useQuery('lists.all', {}, { refreshOn: ['lists'], enabled });
  const smart = (lists.data ?? []).filter((l) => l.query);
  if (smart.length === 0) return null;
  const here = paramsFromQuery(current).toString();
  return (
    <nav className="smart-lists" aria-label={t('smart.label')}>
      <span className="muted">{t('smart.heading')}</span>
      <ul>
        {smart.map((list) => {
          const to = libraryHref(list.query!);
          return (
            <li key={list.id}>
              <a
                href={to}
                aria-current={paramsFromQuery(list.query!).toString() === here ? 'true' : undefined}
              >
                {list.name}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Names the current filters and keeps them as a smart list (lists.create with its query). */
export function SaveSmartListDialog({
  open,
  query,
  onClose,
}: {
  open: boolean;
  query: LibraryQuery;
  onClose: () => void;
}) {
  const { t } = useTranslation('library');
  const create = useAction('lists.create');
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string>();
  const close = () => {
    create.reset();
    setSaved(undefined);
    onClose();
  };
  const nameError = fieldError(create.error, 'name');

  return (
    <Dialog open={open} title={t('smart.saveTitle')} onClose={close}>
      {saved ? (
        <>
          <p role="status">{t('smart.saved', { name: saved })}</p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={close} data-autofocus>
              {t('common:close')}
            </button>
          </div>
        </>
      ) : (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const list = await create.run({ name, ranked: false, query: toSavedQuery(query) });
            if (list) {
              setSaved(list.name);
              setName('');
            }
          }}
        >
          <p className="muted">{t('smart.explain')}</p>
          <Field label={t('smart.name')} error={nameError}>
            <input value={name} onChange={(e) => setName(e.target.value)} required data-autofocus />
          </Field>
          <ErrorMessage error={create.error} />
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              {t('common:actions.cancel')}
            </button>
            <button type="submit" className="primary" disabled={create.busy}>
              {t('common:actions.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
