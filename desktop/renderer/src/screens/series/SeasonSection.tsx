import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EpisodeEntry, SeasonEntry } from '@reelshelf/shared/contracts';
import { useFormat } from '../../i18n/format';
import { MarkSeasonDialog } from './MarkSeasonDialog';
import type { EpisodeToggle } from './useEpisodeToggle';

/** "Season 2" as libraries and providers name a season when it has no title of its own. */
const GENERIC_SEASON = /^(season|series|staffel|temporada|saison|シーズン)?\s*\d*$/i;

/**
 * The name people use for a season, in the reader's language: "Season 3" or "Specials", with
 * the season's own title after it when it has a real one ("Season 3 — The Return").
 */
export function useSeasonName(): (season: SeasonEntry) => string {
  const { t } = useTranslation('series');
  return (season) => {
    const own = season.title.trim();
    const generic = GENERIC_SEASON.test(own);
    if (season.seasonNumber === 0) return t('specials');
    if (season.seasonNumber === null) return generic ? t('seasonUnnumbered') : own;
    const numbered = t('season', { number: season.seasonNumber });
    return generic ? numbered : t('seasonTitled', { season: numbered, title: own });
  };
}

/** One season: a disclosure heading with its progress, and its episodes as a checklist. */
export function SeasonSection({
  season,
  nextUpId,
  expanded,
  onExpandedChange,
  toggle,
}: {
  season: SeasonEntry;
  nextUpId: string | null;
  expanded: boolean;
  onExpandedChange: (expanded: boolean) => void;
  toggle: EpisodeToggle;
}) {
  const { t } = useTranslation('series');
  const format = useFormat();
  const seasonName = useSeasonName();
  const [marking, setMarking] = useState(false);
  const name = seasonName(season);
  const headingId = `season-${season.id}`;
  const panelId = `season-panel-${season.id}`;
  const progress = t('progress', { count: season.episodeCount, watched: season.watchedCount });
  const done = season.episodeCount > 0 && season.watchedCount === season.episodeCount;

  return (
    <section className={`season card${done ? ' season-done' : ''}`} aria-labelledby={headingId}>
      <div className="season-header">
        <h2 className="season-heading">
          <button
            type="button"
            id={headingId}
            className="disclosure"
            aria-expanded={expanded}
            aria-controls={panelId}
            onClick={() => onExpandedChange(!expanded)}
          >
            <span className="disclosure-icon" aria-hidden="true">
              {expanded ? '▾' : '▸'}
            </span>
            {name}
          </button>
        </h2>
        <div className="season-progress">
          <progress
            value={season.watchedCount}
            max={Math.max(1, season.episodeCount)}
            aria-label={t('progressOf', { season: name })}
            aria-valuetext={progress}
          />
          <span>{progress}</span>
        </div>
        {!done && season.episodeCount > 0 && (
          <button type="button" onClick={() => setMarking(true)} aria-describedby={headingId}>
            {t('markSeason.open')}
          </button>
        )}
      </div>
      <div id={panelId} hidden={!expanded}>
        {season.episodes.length === 0 ? (
          <p className="muted">{t('noEpisodes')}</p>
        ) : (
          <ul className="episodes">
            {season.episodes.map((episode) => (
              <Episode
                key={episode.id}
                episode={episode}
                isNext={episode.id === nextUpId}
                pending={toggle.pending.has(episode.id)}
                onChange={(watched) => toggle.setWatched(episode, watched)}
                airDate={episode.airDate ? format.day(episode.airDate) : null}
              />
            ))}
          </ul>
        )}
      </div>
      <MarkSeasonDialog open={marking} season={season} seasonName={name} onClose={() => setMarking(false)} />
    </section>
  );
}

function Episode({
  episode,
  isNext,
  pending,
  onChange,
  airDate,
}: {
  episode: EpisodeEntry;
  isNext: boolean;
  pending: boolean;
  onChange: (watched: boolean) => Promise<boolean>;
  airDate: string | null;
}) {
  const { t } = useTranslation('series');
  const inputId = `episode-${episode.id}`;
  // The box follows the click at once; the guide's next answer (or a failure) takes over.
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  useEffect(() => setOptimistic(null), [episode.watched, episode.watchCount]);
  return (
    <li className={`episode${isNext ? ' is-next' : ''}${episode.watched ? ' is-watched' : ''}`}>
      <input
        id={inputId}
        type="checkbox"
        checked={optimistic ?? episode.watched}
        disabled={pending}
        onChange={(e) => {
          const watched = e.target.checked;
          setOptimistic(watched);
          void onChange(watched).then((ok) => !ok && setOptimistic(null));
        }}
      />
      <label htmlFor={inputId} className="episode-label">
        {episode.episodeNumber !== null && (
          <span className="episode-number">{t('episodeNumber', { number: episode.episodeNumber })}</span>
        )}{' '}
        <span className="episode-title">{episode.title}</span>
      </label>
      <span className="episode-meta muted">
        {isNext && <span className="next-badge">{t('nextUp.badge')}</span>}
        {episode.watchCount > 1 && <span>{t('timesWatched', { count: episode.watchCount })}</span>}
        {airDate && <span>{t('aired', { date: airDate })}</span>}
      </span>
    </li>
  );
}
