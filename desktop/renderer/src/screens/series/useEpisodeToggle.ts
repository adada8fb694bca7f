import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreError } from '@reelshelf/shared/contracts/errors';
import { asCoreError, useCore } from '../../core';
import { localToday } from '../title/form';

export interface EpisodeToggle {
  /** Episodes with a change on its way to the core. */
  pending: ReadonlySet<string>;
  error: CoreError | undefined;
  /** Said to screen readers after each change. */
  announcement: string;
  /** Checking logs a viewing today; unchecking removes the episode's latest viewing. */
  setWatched(episode: { id: string; title: string }, watched: boolean): Promise<boolean>;
}

export function useEpisodeToggle(): EpisodeToggle {
  const { t } = useTranslation('series');
  const core = useCore();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<CoreError>();
  const [announcement, setAnnouncement] = useState('');

  const setWatched = useCallback(
    async (episode: { id: string; title: string }, watched: boolean) => {
      setPending((p) => new Set(p).add(episode.id));
      setError(undefined);
      try {
        if (watched) {
          await core.call('watch.add', { titleId: episode.id, watchedOn: localToday() });
          setAnnouncement(t('announce.watched', { title: episode.title }));
        } else {
          // watch.list puts the most recent dated viewing first, undated ones last.
          const [latest] = await core.call('watch.list', { titleId: episode.id, limit: 1 });
          if (latest) await core.call('watch.remove', { id: latest.id });
          setAnnouncement(t('announce.unwatched', { title: episode.title }));
        }
        return true;
      } catch (e) {
        setError(asCoreError(e));
        return false;
      } finally {
        setPending((p) => {
          const next = new Set(p);
          next.delete(episode.id);
          return next;
        });
      }
    },
    [core, t],
  );

  return { pending, error, announcement, setWatched };
}
