import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../../app/router';
import { href } from '../../app/router';
import { useQuery } from '../../core';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorMessage, Loading } from '../../ui/Status';
import { NextUp } from './NextUp';
import { SeasonSection } from './SeasonSection';
import { useEpisodeToggle } from './useEpisodeToggle';
import './series.css';

export default function SeriesScreen({ route }: { route: Route }) {
  const id = route.params[0] ?? '';
  return <SeriesView key={id} seriesId={id} />;
}

/** A series' episode guide: what to watch next, then each season as a checklist. */
function SeriesView({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation('series');
  const guide = useQuery('series.episodes', { seriesId }, { enabled: Boolean(seriesId) });
  const toggle = useEpisodeToggle();
  // Which seasons are open: by default the one with the next episode (else the first).
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const data = guide.data;

  if (!data) {
    return (
      <Page title={t('common:nav.series')}>
        {guide.error ? <ErrorMessage error={guide.error} /> : <Loading />}
      </Page>
    );
  }

  const nextSeason =
    data.seasons.find((s) => s.episodes.some((e) => e.id === data.nextUp?.episodeId)) ?? data.seasons[0];
  const open = expanded ?? new Set(nextSeason ? [nextSeason.id] : []);
  const setOpen = (seasonId: string, isOpen: boolean) => {
    const next = new Set(open);
    if (isOpen) next.add(seasonId);
    else next.delete(seasonId);
    setExpanded(next);
  };
  const allOpen = data.seasons.length > 0 && data.seasons.every((s) => open.has(s.id));

  return (
    <Page
      title={data.series.title}
      actions={
        <a className="button series-details-link" href={href('title', seriesId)}>
          {t('details')}
        </a>
      }
    >
      <div className="series-screen">
        {data.series.year !== null && <p className="muted series-year">{data.series.year}</p>}
        <NextUp next={data.nextUp} toggle={toggle} started={data.seasons.some((s) => s.watchedCount > 0)} />
        <p role="status" aria-live="polite" className="visually-hidden">
          {toggle.announcement}
        </p>
        {toggle.error && <ErrorMessage error={toggle.error} />}
        {data.seasons.length === 0 ? (
          <EmptyState title={t('noSeasons')} />
        ) : (
          <>
            <div className="seasons-toolbar">
              <button
                type="button"
                onClick={() => setExpanded(allOpen ? new Set() : new Set(data.seasons.map((s) => s.id)))}
              >
                {allOpen ? t('collapseAll') : t('expandAll')}
              </button>
            </div>
            {data.seasons.map((season) => (
              <SeasonSection
                key={season.id}
                season={season}
                nextUpId={data.nextUp?.episodeId ?? null}
                expanded={open.has(season.id)}
                onExpandedChange={(isOpen) => setOpen(season.id, isOpen)}
                toggle={toggle}
              />
            ))}
          </>
        )}
      </div>
    </Page>
  );
}
