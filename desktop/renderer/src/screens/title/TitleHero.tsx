import { useTranslation } from 'react-i18next';
import type { TitleDetails } from '@reelshelf/shared/contracts';
import { href } from '../../app/router';
import { Artwork } from '../../ui/Artwork';
import { useFormat } from '../../i18n/format';
import { useEpisodeCode } from './labels';

/** Poster, backdrop and the facts about the title: what it is, how long, which genres, the plot. */
export function TitleHero({ title }: { title: TitleDetails }) {
  const { t } = useTranslation('title');
  const format = useFormat();
  const episodeCode = useEpisodeCode();
  const code = title.kind === 'episode' ? episodeCode(null, title.episodeNumber) : '';
  const facts = [
    title.year !== null ? String(title.year) : null,
    t(`common:kind.${title.kind}`),
    code || null,
    title.runtimeMinutes ? format.minutes(title.runtimeMinutes) : null,
    title.certification,
  ].filter((f): f is string => Boolean(f));

  return (
    <div className={`title-hero${title.backdropPath ? ' has-backdrop' : ''}`}>
      {title.backdropPath && <Artwork id={title.id} kind="backdrop" size="full" className="title-backdrop" />}
      <div className="title-poster">
        <Artwork id={title.id} kind="poster" size="card" alt={t('hero.posterOf', { title: title.title })} />
      </div>
      <div className="title-facts">
        {title.originalTitle && title.originalTitle !== title.title && (
          <p className="title-original">
            <span className="muted">{t('hero.originalTitle')}</span>{' '}
            <span lang={title.language ?? undefined}>{title.originalTitle}</span>
          </p>
        )}
        <p className="title-meta">{facts.join(' · ')}</p>
        {title.releaseDate && (
          <p className="muted">{t('hero.released', { date: format.day(title.releaseDate, 'long') })}</p>
        )}
        {title.genres.length > 0 && (
          <ul className="chips" aria-label={t('hero.genres')}>
            {title.genres.map((g) => (
              <li key={g} className="chip">
                {g}
              </li>
            ))}
          </ul>
        )}
        {title.overview && <p className="title-overview">{title.overview}</p>}
        {title.parentId && (
          <p>
            <a href={href('title', title.parentId)}>
              {title.kind === 'episode' ? t('hero.toSeason') : t('hero.toSeries')}
            </a>
          </p>
        )}
      </div>
    </div>
  );
}
