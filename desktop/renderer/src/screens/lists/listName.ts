import { useTranslation } from 'react-i18next';
import type { List } from '@reelshelf/shared/domain';

/**
 * System lists are stored with an English name; show them in the reader's language.
 * Custom lists keep the name the person gave them.
 */
export function useListName(): (list: Pick<List, 'name' | 'system'>) => string {
  const { t } = useTranslation('lists');
  return (list) => {
    switch (list.system) {
      case 'watchlist':
        return t('system.watchlist');
      case 'favorites':
        return t('system.favorites');
      case 'watching':
        return t('system.watching');
      case 'completed':
        return t('system.completed');
      default:
        return list.name;
    }
  };
}

/** The list a route segment names: its id, or a system list's key. */
export function findList(lists: List[] | undefined, ref: string): List | undefined {
  return lists?.find((l) => l.id === ref || l.system === ref);
}
