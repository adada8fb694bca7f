import { useTranslation } from 'react-i18next';
import { href } from '../../app/router';
import { useQuery } from '../../core';
import { useEpisodeCode } from './labels';

/** A series is watched episode by episode: the way to its seasons, with what comes next. */
export function SeriesLink({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation('title');
  const episodeCode = useEpisodeCode();
  const guide = useQuery('series.episodes', { seriesId });
  const seasons = guide.data?.seasons ?? [];
  const episodes = seasons.reduce((n, s) => n + s.episodeCount, 0);
  const watched = seasons.reduce((n, s) => n + s.watchedCount, 0);
  const next = guide.data?.nextUp;
  return (
    <section className="series-link card" aria-labelledby="series-link-heading">
      <h2 id="series-link-heading" className="visually-hidden">
        {t('series.heading')}
      </h2>
      <a className="button primary" href={href('series', seriesId)}>
        {t('series.open')}
      </a>
      {guide.data && (
        <p>
          {t('series.progress', { count: episodes, watched, seasons: seasons.length })}
          {next && (
            <>
              {' · '}
              <strong>{t('series.nextUp')}</strong>{' '}
              {[episodeCode(next.seasonNumber, next.episodeNumber), next.title].filter(Boolean).join(' · ')}
            </>
          )}
        </p>
      )}
    </section>
  );
}
