import { useTranslation } from 'react-i18next';
import type { StatsSummary } from '@reelshelf/shared/contracts';
import { useFormat } from '../../i18n/format';

/** The library in a few big numbers: what is in it, how much was watched, what is owned. */
export function Headline({ summary }: { summary: StatsSummary }) {
  const { t } = useTranslation('stats');
  const f = useFormat();
  const hours = summary.watches.minutes / 60;
  const tiles: { key: string; value: string; label: string }[] = [
    {
      key: 'movies',
      value: f.number(summary.titles.movie),
      label: t('headline.movies', { count: summary.titles.movie }),
    },
    {
      key: 'series',
      value: f.number(summary.titles.series),
      label: t('headline.series', { count: summary.titles.series }),
    },
    {
      key: 'episodes',
      value: f.number(summary.titles.episode),
      label: t('headline.episodes', { count: summary.titles.episode }),
    },
    {
      key: 'watches',
      value: f.number(summary.watches.events),
      label: t('headline.watches', { count: summary.watches.events }),
    },
    {
      key: 'rewatches',
      value: f.number(summary.watches.rewatches),
      label: t('headline.rewatches', { count: summary.watches.rewatches }),
    },
    {
      key: 'hours',
      value: f.number(hours, { maximumFractionDigits: hours < 10 ? 1 : 0 }),
      label: t('headline.hours', { count: Math.round(hours) }),
    },
    {
      key: 'rating',
      value:
        summary.ratings.average === null
          ? '–'
          : f.number(summary.ratings.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      label: t('headline.ratingAverage', {
        count: summary.ratings.count,
        ratings: f.number(summary.ratings.count),
      }),
    },
    {
      key: 'copies',
      value: f.number(summary.copies.total),
      label: t('headline.copies', { count: summary.copies.total }),
    },
    {
      key: 'loan',
      value: f.number(summary.copies.onLoan),
      label: t('headline.onLoan', { count: summary.copies.onLoan }),
    },
  ];
  return (
    <section aria-labelledby="stats-headline">
      <h2 id="stats-headline" className="visually-hidden">
        {t('headline.heading')}
      </h2>
      <dl className="stats-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className="stats-tile card">
            {/* The label first for screen readers (dt before dd); the number is shown big on top. */}
            <dt>{tile.label}</dt>
            <dd>{tile.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
