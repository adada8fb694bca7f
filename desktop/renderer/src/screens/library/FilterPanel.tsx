import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../core';
import { FORMATS, KINDS, STATUSES, type LibraryQuery } from './filters';

type Change = (next: LibraryQuery) => void;

const toggle = <T,>(list: readonly T[] | undefined, value: T): T[] | undefined => {
  const next = list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];
  return next.length ? next : undefined;
};

/**
 * The facets. Genres and tags come from the library (catalog.genres, tags.all) and are asked
 * for only once the panel is open.
 */
export function FilterPanel({ id, query, onChange }: { id: string; query: LibraryQuery; onChange: Change }) {
  const { t } = useTranslation('library');
  const genres = useQuery('catalog.genres', {}, { refreshOn: ['titles'] });
  const tags = useQuery('tags.all', {}, { refreshOn: ['tags', 'titles'] });
  const set = (patch: Partial<LibraryQuery>) => onChange({ ...query, ...patch });

  const genreNames = [...new Set([...(genres.data?.map((g) => g.name) ?? []), ...(query.genres ?? [])])].sort(
    (a, b) => a.localeCompare(b),
  );
  const tagNames = [...new Set([...(tags.data?.map((g) => g.name) ?? []), ...(query.tags ?? [])])].sort(
    (a, b) => a.localeCompare(b),
  );

  return (
    <div id={id} className="filter-panel" role="region" aria-label={t('filters.label')}>
      <CheckGroup
        legend={t('filters.kinds')}
        options={KINDS.map((k) => ({ value: k, label: t(`common:kind.${k}`) }))}
        selected={query.kinds}
        onToggle={(k) => set({ kinds: toggle(query.kinds, k) })}
      />
      <CheckGroup
        legend={t('filters.genres')}
        options={genreNames.map((g) => ({ value: g, label: g }))}
        selected={query.genres}
        onToggle={(g) => set({ genres: toggle(query.genres, g) })}
        scroll
        empty={genres.loading ? t('common:loading') : t('filters.noGenres')}
      />
      <fieldset className="filter-group">
        <legend>{t('filters.year')}</legend>
        <YearInput
          label={t('filters.yearFrom')}
          value={query.yearFrom}
          onCommit={(v) => set({ yearFrom: v })}
        />
        <YearInput label={t('filters.yearTo')} value={query.yearTo} onCommit={(v) => set({ yearTo: v })} />
      </fieldset>
      <CheckGroup
        legend={t('filters.formats')}
        options={FORMATS.map((f) => ({ value: f, label: t(`format.${f}`) }))}
        selected={query.formats}
        onToggle={(f) => set({ formats: toggle(query.formats, f) })}
      />
      <fieldset className="filter-group">
        <legend>{t('filters.more')}</legend>
        <YesNo label={t('filters.owned')} value={query.owned} onChange={(owned) => set({ owned })} />
        <YesNo label={t('filters.watched')} value={query.watched} onChange={(watched) => set({ watched })} />
        <div className="field">
          <label htmlFor={`${id}-rating`}>{t('filters.ratingMin')}</label>
          <select
            id={`${id}-rating`}
            value={query.ratingMin ?? ''}
            onChange={(e) => set({ ratingMin: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('filters.any')}</option>
            {[0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5].map((stars) => (
              <option key={stars} value={stars}>
                {t('filters.stars', { count: stars })}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <CheckGroup
        legend={t('filters.status')}
        options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        selected={query.statuses}
        onToggle={(s) => set({ statuses: toggle(query.statuses, s) })}
      />
      <CheckGroup
        legend={t('filters.tags')}
        options={tagNames.map((g) => ({ value: g, label: g }))}
        selected={query.tags}
        onToggle={(g) => set({ tags: toggle(query.tags, g) })}
        scroll
        empty={tags.loading ? t('common:loading') : t('filters.noTags')}
      />
    </div>
  );
}

function CheckGroup<T extends string>({
  legend,
  options,
  selected,
  onToggle,
  scroll,
  empty,
}: {
  legend: string;
  options: { value: T; label: string }[];
  selected: readonly T[] | undefined;
  onToggle: (value: T) => void;
  scroll?: boolean;
  empty?: string;
}) {
  return (
    <fieldset className={`filter-group${scroll ? ' filter-scroll' : ''}`}>
      <legend>{legend}</legend>
      {options.length === 0 && empty && <p className="muted">{empty}</p>}
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            checked={selected?.includes(o.value) ?? false}
            onChange={() => onToggle(o.value)}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function YesNo({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean | undefined;
  onChange: (value: boolean | undefined) => void;
}) {
  const { t } = useTranslation('library');
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value === undefined ? '' : value ? 'yes' : 'no'}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}
      >
        <option value="">{t('filters.any')}</option>
        <option value="yes">{t('filters.yes')}</option>
        <option value="no">{t('filters.no')}</option>
      </select>
    </div>
  );
}

/**
 * A year is applied once it is a whole year (or cleared), so typing "19…" on the way to
 * "1994" does not filter by the year 19; Enter or leaving the field applies what is there.
 */
function YearInput({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const commit = (raw: string) => {
    const n = Number(raw);
    if (raw === '') {
      if (value !== undefined) onCommit(undefined);
    } else if (Number.isInteger(n) && n >= 1870 && n <= 2200 && n !== value) onCommit(n);
  };
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1870}
        max={2200}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '' || e.target.value.length === 4) commit(e.target.value);
        }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit(e.currentTarget.value)}
      />
    </div>
  );
}
