import { useTranslation } from 'react-i18next';
import type { ChartPerson, StatsCharts } from '@reelshelf/shared/contracts';
import { useFormat } from '../../i18n/format';
import { ChartFigure, ChartTable, HorizontalBars } from './ChartFigure';

/** How many rows a ranking shows; the core may send more. */
const TOP = 12;

export function GenreChart({ genres }: { genres: StatsCharts['genres'] }) {
  const { t } = useTranslation('stats');
  const f = useFormat();
  const top = genres.slice(0, TOP);
  return (
    <ChartFigure
      title={t('genres.title')}
      empty={top.length === 0}
      emptyText={t('genres.empty')}
      chart={
        <HorizontalBars
          items={top.map((g) => ({
            key: g.genre,
            label: g.genre,
            value: g.titles,
            valueText: t('titles', { count: g.titles, n: f.number(g.titles) }),
          }))}
        />
      }
      table={
        <ChartTable
          caption={t('genres.title')}
          columns={[t('genres.genre'), t('columns.titles'), t('columns.watches')]}
          rows={top.map((g) => ({ key: g.genre, cells: [g.genre, f.number(g.titles), f.number(g.watches)] }))}
        />
      }
    />
  );
}

export function DecadeChart({ decades }: { decades: StatsCharts['decades'] }) {
  const { t } = useTranslation('stats');
  const f = useFormat();
  // Chronological: a decade chart reads as a timeline.
  const sorted = [...decades].sort((a, b) => a.decade - b.decade);
  const label = (decade: number) => t('decades.label', { decade: String(decade) });
  return (
    <ChartFigure
      title={t('decades.title')}
      empty={sorted.length === 0}
      emptyText={t('decades.empty')}
      chart={
        <HorizontalBars
          items={sorted.map((d) => ({
            key: String(d.decade),
            label: label(d.decade),
            value: d.titles,
            valueText: t('titles', { count: d.titles, n: f.number(d.titles) }),
          }))}
        />
      }
      table={
        <ChartTable
          caption={t('decades.title')}
          columns={[t('decades.decade'), t('columns.titles'), t('columns.watches')]}
          rows={sorted.map((d) => ({
            key: String(d.decade),
            cells: [label(d.decade), f.number(d.titles), f.number(d.watches)],
          }))}
        />
      }
    />
  );
}

export function PeopleChart({ kind, people }: { kind: 'directors' | 'actors'; people: ChartPerson[] }) {
  const { t } = useTranslation('stats');
  const f = useFormat();
  const top = people.slice(0, TOP);
  const title = kind === 'directors' ? t('people.directors') : t('people.actors');
  return (
    <ChartFigure
      title={title}
      empty={top.length === 0}
      emptyText={t('people.empty')}
      chart={
        <HorizontalBars
          items={top.map((p) => ({
            key: p.personId,
            label: p.name,
            value: p.titles,
            valueText: t('titles', { count: p.titles, n: f.number(p.titles) }),
          }))}
        />
      }
      table={
        <ChartTable
          caption={title}
          columns={[t('people.name'), t('columns.titlesWatched'), t('columns.watches')]}
          rows={top.map((p) => ({
            key: p.personId,
            cells: [p.name, f.number(p.titles), f.number(p.watches)],
          }))}
        />
      }
    />
  );
}

export function FormatChart({ formats }: { formats: StatsCharts['collectionByFormat'] }) {
  const { t } = useTranslation('stats');
  const f = useFormat();
  const name = (format: string) => t(`format.${format}`, { defaultValue: format });
  return (
    <ChartFigure
      title={t('formats.title')}
      empty={formats.length === 0}
      emptyText={t('formats.empty')}
      chart={
        <HorizontalBars
          items={formats.map((c) => ({
            key: c.format,
            label: name(c.format),
            value: c.copies,
            valueText: t('copies', { count: c.copies, n: f.number(c.copies) }),
          }))}
        />
      }
      table={
        <ChartTable
          caption={t('formats.title')}
          columns={[t('formats.format'), t('columns.copies')]}
          rows={formats.map((c) => ({ key: c.format, cells: [name(c.format), f.number(c.copies)] }))}
        />
      }
    />
  );
}
