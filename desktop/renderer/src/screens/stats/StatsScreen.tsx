import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../core';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorMessage, Loading } from '../../ui/Status';
import { Headline } from './Headline';
import { DecadeChart, FormatChart, GenreChart, PeopleChart } from './Rankings';
import { Streaks } from './Streaks';
import { WatchTimeChart } from './WatchTimeChart';
import './stats.css';

type Period = 'all' | 'year' | '12months';

/** The first day counted for a period, as YYYY-MM-DD (undefined: everything). */
function sinceOf(period: Period): string | undefined {
  const now = new Date();
  if (period === 'year') return `${now.getFullYear()}-01-01`;
  if (period === '12months') {
    const d = new Date(now.getFullYear() - 1, now.getMonth(), now.getDate() + 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return undefined;
}

export default function StatsScreen() {
  const { t } = useTranslation('stats');
  const [period, setPeriod] = useState<Period>('all');
  const since = sinceOf(period);
  const summary = useQuery('stats.summary', since ? { since } : {});
  const charts = useQuery('stats.charts', since ? { since } : {});

  const nothing =
    summary.data &&
    Object.values(summary.data.titles).every((n) => n === 0) &&
    summary.data.copies.total === 0 &&
    summary.data.watches.events === 0;

  return (
    <Page
      title={t('title')}
      actions={
        <label className="stats-period">
          <span>{t('period.label')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            <option value="all">{t('period.all')}</option>
            <option value="year">{t('period.year')}</option>
            <option value="12months">{t('period.12months')}</option>
          </select>
        </label>
      }
    >
      <ErrorMessage error={summary.error ?? charts.error} />
      {!summary.data && summary.loading && <Loading />}
      {nothing && period === 'all' ? (
        <EmptyState title={t('empty.title')}>
          <p>{t('empty.body')}</p>
        </EmptyState>
      ) : (
        <>
          {summary.data && <Headline summary={summary.data} />}
          {period !== 'all' && <p className="muted">{t('period.note')}</p>}
          {charts.data ? (
            <div className="stats-grid">
              <div className="stats-wide">
                <WatchTimeChart months={charts.data.watchTimeByMonth} />
              </div>
              <Streaks streaks={charts.data.streaks} />
              <FormatChart formats={charts.data.collectionByFormat} />
              <GenreChart genres={charts.data.genres} />
              <DecadeChart decades={charts.data.decades} />
              <PeopleChart kind="directors" people={charts.data.topDirectors} />
              <PeopleChart kind="actors" people={charts.data.topActors} />
            </div>
          ) : (
            charts.loading && summary.data && <Loading />
          )}
        </>
      )}
    </Page>
  );
}
