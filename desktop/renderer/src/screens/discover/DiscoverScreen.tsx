import { useTranslation } from 'react-i18next';
import type { DiscoverReason, DiscoverRow, NextUpEntry } from '@reelshelf/shared/contracts';
import { href } from '../../app/router';
import { useQuery } from '../../core';
import { Badges } from '../../ui/Badges';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorMessage, Loading } from '../../ui/Status';
import { PosterRow, type PosterCard } from './PosterRow';
import './discover.css';

/**
 * Rows of things to watch. For now every row is worked out from this library alone (what
 * is owned, rated, listed and half-watched); the page says so rather than pretend.
 */
export default function DiscoverScreen() {
  const { t } = useTranslation('discover');
  const rows = useQuery('discover.rows', {});
  const nextUp = useQuery('series.nextUp', { limit: 20 });
  const nothing = rows.data?.rows.length === 0 && nextUp.data?.length === 0;
  // Only asked when there is nothing to show: is the library empty, or just all watched?
  const anyTitle = useQuery('catalog.search', { limit: 1 }, { enabled: nothing });

  return (
    <Page title={t('title')}>
      <p className="discover-note">{t('libraryOnly')}</p>
      <ErrorMessage error={rows.error ?? nextUp.error} />
      {!rows.data && rows.loading && <Loading />}
      {nextUp.data && nextUp.data.length > 0 && <NextUpRow entries={nextUp.data} />}
      {rows.data?.rows.map((row) => (
        <ReasonRow key={row.id} row={row} />
      ))}
      {nothing &&
        anyTitle.data &&
        (anyTitle.data.total === 0 ? (
          <EmptyState title={t('emptyLibrary')}>
            <p>
              {t('emptyLibraryHint')} <a href={href('import')}>{t('importLink')}</a>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title={t('nothingNow')}>
            <p>{t('nothingNowHint')}</p>
          </EmptyState>
        ))}
    </Page>
  );
}

function NextUpRow({ entries }: { entries: NextUpEntry[] }) {
  const { t } = useTranslation('discover');
  const code = (e: NextUpEntry) =>
    e.seasonNumber !== null && e.episodeNumber !== null
      ? t('nextUp.code', { season: e.seasonNumber, episode: e.episodeNumber })
      : e.episodeNumber !== null
        ? t('nextUp.episodeOnly', { episode: e.episodeNumber })
        : '';
  const cards: PosterCard[] = entries.map((e) => ({
    key: e.episodeId,
    href: href('series', e.seriesId),
    artworkId: e.seriesId,
    title: e.seriesTitle,
    subtitle: [code(e), e.episodeTitle].filter(Boolean).join(' · '),
  }));
  return <PosterRow heading={t('nextUp.heading')} reason={t('nextUp.reason')} cards={cards} />;
}

function ReasonRow({ row }: { row: DiscoverRow }) {
  const { heading, reason } = useReasonText(row.reason);
  const cards: PosterCard[] = row.titles.map((title) => ({
    key: title.id,
    href: href('title', title.id),
    artworkId: title.id,
    title: title.title,
    subtitle: title.year === null ? undefined : String(title.year),
    extra: <Badges formats={title.formats} watchCount={title.watchCount} />,
  }));
  return <PosterRow heading={heading} reason={reason} cards={cards} />;
}

/** The translated heading and one-line reason for a row; literal keys so every one is checked. */
function useReasonText(reason: DiscoverReason): { heading: string; reason: string } {
  const { t } = useTranslation('discover');
  switch (reason) {
    case 'owned-unwatched':
      return { heading: t('rows.ownedUnwatched.heading'), reason: t('rows.ownedUnwatched.reason') };
    case 'watchlist':
      return { heading: t('rows.watchlist.heading'), reason: t('rows.watchlist.reason') };
    case 'top-rated-rewatch':
      return { heading: t('rows.topRatedRewatch.heading'), reason: t('rows.topRatedRewatch.reason') };
    case 'popular-unwatched':
      return { heading: t('rows.popularUnwatched.heading'), reason: t('rows.popularUnwatched.reason') };
    default:
      // A row from a newer core than this UI knows about.
      return { heading: t('rows.other.heading'), reason: t('rows.other.reason') };
  }
}
