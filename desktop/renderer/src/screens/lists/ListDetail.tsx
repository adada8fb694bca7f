import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { href, navigate } from '../../app/router';
import { useQuery } from '../../core';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorMessage, Loading } from '../../ui/Status';
import { DeleteListDialog } from './DeleteListDialog';
import { ListFormDialog } from './ListFormDialog';
import { ListItems } from './ListItems';
import { findList, useListName } from './listName';
import { useListOrder } from './useListOrder';

/** One list's page: its titles in order, reorderable and removable unless it is a smart list. */
export function ListDetail({ listRef }: { listRef: string }) {
  const { t } = useTranslation('lists');
  const listName = useListName();
  const lists = useQuery('lists.all', {}, { refreshOn: ['lists'] });
  // Any change can matter: a title renamed, or (for a smart list) a new title its search finds.
  const items = useQuery('lists.items', { list: listRef });
  const { order, error, move, remove, replace } = useListOrder(listRef, items.data, items.reload);
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);

  const list = findList(lists.data, listRef);
  if (lists.data && !list) {
    return (
      <Page title={t('notFound')}>
        <ErrorMessage error={items.error} />
        <p>
          <a href={href('lists')}>{t('backToLists')}</a>
        </p>
      </Page>
    );
  }
  const name = list ? listName(list) : t('title');
  const smart = Boolean(list?.query);

  return (
    <Page
      title={name}
      actions={
        list &&
        !list.system && (
          <>
            <button type="button" onClick={() => setDialog('edit')} aria-label={t('editNamed', { name })}>
              {t('common:actions.edit')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => setDialog('delete')}
              aria-label={t('deleteNamed', { name })}
            >
              {t('common:actions.delete')}
            </button>
          </>
        )
      }
    >
      <p className="list-detail-meta">
        <a href={href('lists')}>{t('backToLists')}</a>
        {list && (
          <span className="muted">
            {' · '}
            {smart
              ? t('smartCount', { count: order?.length ?? 0 })
              : t('count', { count: order?.length ?? 0 })}
          </span>
        )}
      </p>
      {list?.description && <p className="list-detail-description">{list.description}</p>}
      {smart && (
        <p className="smart-note">
          <span className="smart-badge">{t('smart')}</span> {t('smartExplained')}
        </p>
      )}
      <ErrorMessage error={lists.error ?? items.error} />
      <ErrorMessage error={error} />
      {!order && (items.loading || lists.loading) && <Loading />}
      {order && list && (
        <ListItems
          listRef={listRef}
          items={order}
          reorderable={!smart}
          onMove={move}
          onRemove={remove}
          onNoteSaved={replace}
          empty={
            <EmptyState title={smart ? t('smartEmpty') : t('empty')}>
              <p>{smart ? t('smartEmptyHint') : t('emptyHint')}</p>
            </EmptyState>
          }
        />
      )}
      {dialog === 'edit' && list && (
        <ListFormDialog list={list} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
      {dialog === 'delete' && list && (
        <DeleteListDialog
          list={list}
          onClose={() => setDialog(null)}
          onDeleted={() => navigate(href('lists'))}
        />
      )}
    </Page>
  );
}
