import { useTranslation } from 'react-i18next';
import type { CopyFormat, List, WatchStatus } from '@reelshelf/shared/domain';

/** Every copy format with its name in the reader's language, in the order of the picker. */
export function useFormatLabels(): Record<CopyFormat, string> {
  const { t } = useTranslation('title');
  return {
    'blu-ray': t('format.blu-ray'),
    '4k-uhd': t('format.4k-uhd'),
    dvd: t('format.dvd'),
    'digital-purchase': t('format.digital-purchase'),
    'digital-file': t('format.digital-file'),
    'hd-dvd': t('format.hd-dvd'),
    vhs: t('format.vhs'),
    laserdisc: t('format.laserdisc'),
  };
}

export function useStatusLabels(): Record<WatchStatus, string> {
  const { t } = useTranslation('title');
  return {
    planned: t('status.planned'),
    watching: t('status.watching'),
    'on-hold': t('status.on-hold'),
    dropped: t('status.dropped'),
    completed: t('status.completed'),
  };
}

/** System lists are stored with an English name; custom lists keep the name they were given. */
export function useListName(): (list: Pick<List, 'name' | 'system'>) => string {
  const { t } = useTranslation('title');
  return (list) => {
    switch (list.system) {
      case 'watchlist':
        return t('lists.system.watchlist');
      case 'favorites':
        return t('lists.system.favorites');
      case 'watching':
        return t('lists.system.watching');
      case 'completed':
        return t('lists.system.completed');
      default:
        return list.name;
    }
  };
}

/** "S2 E5", or just what is known. */
export function useEpisodeCode(): (season: number | null, episode: number | null) => string {
  const { t } = useTranslation('title');
  return (season, episode) =>
    season !== null && episode !== null
      ? t('episodeCode.both', { season, episode })
      : episode !== null
        ? t('episodeCode.episode', { episode })
        : season !== null
          ? t('episodeCode.season', { season })
          : '';
}
