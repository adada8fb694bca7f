import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../../app/router';
import { navigate } from '../../app/router';
import { useFormat } from '../../i18n/format';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorMessage, Loading } from '../../ui/Status';
import { AddTitleDialog } from './AddTitleDialog';
import { FilterPanel } from './FilterPanel';
import { isFiltered, libraryHref, queryFromParams, SORTS, type LibraryQuery } from './filters';
import { PosterGrid } from './PosterGrid';
import { SaveSmartListDialog, SmartListLinks } from './SmartLists';
import { TitleTable } from './TitleTable';
import { usePagedSearch } from './usePagedSearch';
import './library.css';

type View = 'grid' | 'table';
const VIEW_KEY = 'reelshelf.library.view';
const savedView = (): View => (localStorage.getItem(VIEW_KEY) === 'table' ? 'table' : 'grid');

/**
 * The start screen: every film and series as a poster grid or a table, narrowed by facets
 * kept in the URL, savable as a smart list.
 */
export default function LibraryScreen({ route }: { route: Route }) {
  const { t } = useTranslation('library');
  const { number, locale } = useFormat();
  const queryString = route.query.toString();
  const query = useMemo(() => queryFromParams(new URLSearchParams(queryString)), [queryString]);
  const search = usePagedSearch(query);
  // A page's first Intl.NumberFormat costs ~40 ms (ICU locale data): pay it while the first
  // page is on its way (this runs just after usePagedSearch asks), not when it arrives.
  useEffect(() => void new Intl.NumberFormat(locale).format(0), [locale]);
  const [view, setView] = useState<View>(savedView);
  const [filtersOpen, setFiltersOpen] = useState(() => isFiltered(query) && !query.text);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => localStorage.setItem(VIEW_KEY, view), [view]);

  /** Filters push a history entry (Back undoes them); typing in the text box replaces. */
  const apply = (next: LibraryQuery, replace = false) => navigate(libraryHref(next), { replace });
  const filtered = isFiltered(query);
  const activeFilters = Object.entries(query).filter(
    ([k, v]) => !['sort', 'order', 'text'].includes(k) && v !== undefined,
  ).length;
  const gridLabel = t('gridLabel');

  return (
    <Page
      title={t('common:nav.library')}
      actions={
        <>
          <button type="button" onClick={() => setSaving(true)} disabled={!filtered}>
            {t('smart.save')}
          </button>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            {t('add.open')}
          </button>
        </>
      }
    >
      <div className="library-layout">
        <div className="library-toolbar">
          <TextFilter
            value={query.text ?? ''}
            onChange={(text) => apply({ ...query, text: text || undefined }, true)}
          />
          <span className="inline-field">
            <label htmlFor="library-sort">{t('sort.label')}</label>
            <select
              id="library-sort"
              value={query.sort}
              onChange={(e) =>
                apply({ ...query, sort: e.target.value as LibraryQuery['sort'], order: undefined })
              }
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`sort.${s}`)}
                </option>
              ))}
            </select>
          </span>
          <span className="inline-field">
            <label htmlFor="library-order">{t('sort.order')}</label>
            <select
              id="library-order"
              value={query.order ?? ''}
              onChange={(e) =>
                apply({ ...query, order: (e.target.value || undefined) as LibraryQuery['order'] })
              }
            >
              <option value="">{t('sort.default')}</option>
              <option value="asc">{t('sort.asc')}</option>
              <option value="desc">{t('sort.desc')}</option>
            </select>
          </span>
          <button
            type="button"
            aria-expanded={filtersOpen}
            aria-controls="library-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            {activeFilters ? t('filters.toggleCount', { count: activeFilters }) : t('filters.toggle')}
          </button>
          {filtered && (
            <button type="button" onClick={() => apply({ sort: query.sort, order: query.order })}>
              {t('filters.clear')}
            </button>
          )}
          <div className="view-toggle" role="group" aria-label={t('view.label')}>
            <button type="button" aria-pressed={view === 'grid'} onClick={() => setView('grid')}>
              {t('view.grid')}
            </button>
            <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              {t('view.table')}
            </button>
          </div>
          <p className="result-count" role="status" aria-live="polite">
            {search.total !== undefined &&
              t('count', { count: search.total, formatted: number(search.total) })}
          </p>
        </div>
        {filtersOpen && <FilterPanel id="library-filters" query={query} onChange={(next) => apply(next)} />}
        <SmartListLinks current={query} enabled={search.total !== undefined || search.error !== undefined} />
        <ErrorMessage error={search.error} />
        {search.total === undefined ? (
          !search.error && <Loading />
        ) : search.total === 0 ? (
          <EmptyState title={filtered ? t('empty.filtered') : t('empty.library')}>
            {filtered ? (
              <button type="button" onClick={() => apply({ sort: query.sort, order: query.order })}>
                {t('filters.clear')}
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => setAdding(true)}>
                {t('add.open')}
              </button>
            )}
          </EmptyState>
        ) : view === 'grid' ? (
          <PosterGrid key={queryString} search={search} label={gridLabel} />
        ) : (
          <TitleTable key={queryString} search={search} label={gridLabel} />
        )}
      </div>
      <AddTitleDialog open={adding} onClose={() => setAdding(false)} />
      <SaveSmartListDialog open={saving} query={query} onClose={() => setSaving(false)} />
    </Page>
  );
}

/** Narrow by words; the URL follows each keystroke without piling up history entries. */
function TextFilter({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const { t } = useTranslation('library');
  const [text, setText] = useState(value);
  useEffect(() => {
    // Someone else changed the URL (Back, a smart list): show its text.
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);
  return (
    <input
      type="search"
      className="text-filter"
      aria-label={t('textFilter')}
      placeholder={t('textFilter')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.trim());
      }}
    />
  );
}
