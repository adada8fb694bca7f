import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { List } from '@reelshelf/shared/domain';
import { href, navigate } from '../../app/router';
import { useQuery } from '../../core';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorMessage, Loading } from '../../ui/Status';
import { DeleteListDialog } from './DeleteListDialog';
import { ListFormDialog } from './ListFormDialog';
import { useListName } from './listName';

type Editing = { mode: 'create' } | { mode: 'edit'; list: List } | { mode: 'delete'; list: List } | null;

/** Every list: the fixed system lists first, then the person's own, each with its size. */
export function ListsOverview() {
  const { t } = useTranslation('lists');
  const lists = useQuery('lists.all', {}, { refreshOn: ['lists'] });
  const [editing, setEditing] = useState<Editing>(null);
  const [announcement, setAnnouncement] = useState('');
  const [deletedId, setDeletedId] = useState<string>();
  const close = () => setEditing(null);

  // The button that opened the delete dialog goes with the list (once the list of lists has
  // reloaded, after the dialog gave focus back to it): start again from the heading.
  useEffect(() => {
    if (deletedId && lists.data && !lists.data.some((l) => l.id === deletedId)) {
      setDeletedId(undefined);
      document.getElementById('page-title')?.focus();
    }
  }, [deletedId, lists.data]);

  const system = lists.data?.filter((l) => l.system) ?? [];
  const custom = lists.data?.filter((l) => !l.system) ?? [];

  return (
    <Page
      title={t('title')}
      actions={
        <button type="button" className="primary" onClick={() => setEditing({ mode: 'create' })}>
          {t('newList')}
        </button>
      }
    >
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorMessage error={lists.error} />
      {!lists.data && lists.loading && <Loading />}
      {lists.data && (
        <>
          <section className="lists-section" aria-labelledby="lists-system">
            <h2 id="lists-system">{t('systemLists')}</h2>
            <ul className="list-cards">
              {system.map((list) => (
                <ListCard key={list.id} list={list} />
              ))}
            </ul>
          </section>
          <section className="lists-section" aria-labelledby="lists-custom">
            <h2 id="lists-custom">{t('customLists')}</h2>
            {custom.length === 0 ? (
              <EmptyState title={t('noCustomLists')}>
                <p>{t('noCustomListsHint')}</p>
              </EmptyState>
            ) : (
              <ul className="list-cards">
                {custom.map((list) => (
                  <ListCard
                    key={list.id}
                    list={list}
                    onEdit={() => setEditing({ mode: 'edit', list })}
                    onDelete={() => setEditing({ mode: 'delete', list })}
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {editing?.mode === 'create' && (
        // A new list is empty: open it, where titles show up once added from their pages.
        <ListFormDialog onClose={close} onSaved={(list) => navigate(href('lists', list.id))} />
      )}
      {editing?.mode === 'edit' && (
        <ListFormDialog
          list={editing.list}
          onClose={close}
          onSaved={(list) => {
            close();
            setAnnouncement(t('saved', { name: list.name }));
          }}
        />
      )}
      {editing?.mode === 'delete' && (
        <DeleteListDialog
          list={editing.list}
          onClose={close}
          onDeleted={() => {
            close();
            setAnnouncement(t('deleted', { name: editing.list.name }));
            setDeletedId(editing.list.id);
          }}
        />
      )}
    </Page>
  );
}

function ListCard({ list, onEdit, onDelete }: { list: List; onEdit?: () => void; onDelete?: () => void }) {
  const { t } = useTranslation('lists');
  const listName = useListName();
  const name = listName(list);
  return (
    <li className="list-card card">
      <div className="list-card-main">
        <a className="list-card-name" href={href('lists', list.system ?? list.id)}>
          {name}
        </a>
        {list.query && <span className="smart-badge">{t('smart')}</span>}
      </div>
      <p className="list-card-count muted">
        {list.query ? t('smartCount', { count: list.itemCount }) : t('count', { count: list.itemCount })}
      </p>
      {list.description && <p className="list-card-description">{list.description}</p>}
      {(onEdit || onDelete) && (
        <div className="list-card-actions">
          {onEdit && (
            <button type="button" onClick={onEdit} aria-label={t('editNamed', { name })}>
              {t('common:actions.edit')}
            </button>
          )}
          {onDelete && (
            <button
              type="button"
              className="danger"
              onClick={onDelete}
              aria-label={t('deleteNamed', { name })}
            >
              {t('common:actions.delete')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
