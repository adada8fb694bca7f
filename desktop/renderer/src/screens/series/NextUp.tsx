import { useTranslation } from 'react-i18next';
import type { NextEpisode } from '@reelshelf/shared/contracts';
import { useEpisodeCode } from '../title/labels';
import type { EpisodeToggle } from './useEpisodeToggle';

/** The episode to watch next, with a one-click way to log it. */
export function NextUp({
  next,
  toggle,
  started,
}: {
  next: NextEpisode | null;
  toggle: EpisodeToggle;
  started: boolean;
}) {
  const { t } = useTranslation('series');
  const episodeCode = useEpisodeCode();
  if (!next) {
    return started ? <p className="next-up card">{t('nextUp.allCaughtUp')}</p> : null;
  }
  const code = episodeCode(next.seasonNumber, next.episodeNumber);
  return (
    <section className="next-up card" aria-labelledby="next-up-heading">
      <div>
        <h2 id="next-up-heading">{t('nextUp.heading')}</h2>
        <p className="next-up-episode">
          {code && <span className="episode-code">{code}</span>} {next.title}
        </p>
      </div>
      <button
        type="button"
        className="primary"
        disabled={toggle.pending.has(next.episodeId)}
        onClick={() => void toggle.setWatched({ id: next.episodeId, title: next.title }, true)}
      >
        {t('nextUp.markWatched')}
      </button>
    </section>
  );
}
