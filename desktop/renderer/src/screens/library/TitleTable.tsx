import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { TitleSummary } from '@reelshelf/shared/contracts';
import { href } from '../../app/router';
import { useFormat } from '../../i18n/format';
import { Artwork } from '../../ui/Artwork';
import { Badges } from '../../ui/Badges';
import type { PagedSearch } from './usePagedSearch';
import { keepRow, useRovingGrid } from './useRovingGrid';
import { useFirstPaintMark } from './useFirstPaintMark';

/** Fixed row height in rem: no measuring, so the virtualiser knows every row's place. */
const ROW_REM = 3;

/**
 * The same titles as a table, one title per row; up/down move between rows (the title link
 * holds the roving focus), Enter opens.
 */
export function TitleTable({ search, label }: { search: PagedSearch; label: string }) {
  const { t } = useTranslation('library');
  const { locale } = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const count = search.total ?? 0;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const rowHeight = Math.round(ROW_REM * rem);

  // The focused row stays rendered when scrolled away, so focus is not lost.
  const activeRow = useRef(0);
  const rangeExtractor = useCallback(
    (range: Range) => keepRow(defaultRangeExtractor(range), activeRow.current),
    [],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    rangeExtractor,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    [virtualizer],
  );
  const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / rowHeight) - 1);
  const roving = useRovingGrid({ count, columns: 1, pageRows, container: scroller, scrollToIndex });
  activeRow.current = roving.active;

  const rows = virtualizer.getVirtualItems();
  const { startIndex: first, endIndex: last } = virtualizer.range ?? { startIndex: 0, endIndex: 0 };
  const { ensureRange } = search;
  useEffect(() => {
    if (count > 0) ensureRange(Math.max(0, first - 8), Math.min(count - 1, last + 8));
  }, [ensureRange, first, last, count]);

  useFirstPaintMark(search.items[0] !== undefined);

  const kindLabel = useCallback((kind: string) => t(`common:kind.${kind}`), [t]);
  // One formatter for every row, stable across renders so the memoised rows stay put.
  const number = useMemo(() => {
    const formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return (n: number) => formatter.format(n);
  }, [locale]);

  return (
    <div
      ref={scroller}
      className="library-scroller library-table"
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={6}
      onKeyDown={roving.onKeyDown}
      style={{ '--row-height': `${rowHeight}px` } as React.CSSProperties}
    >
      <div role="row" aria-rowindex={1} className="table-row table-head">
        <span role="columnheader" className="col-art">
          <span className="visually-hidden">{t('table.poster')}</span>
        </span>
        <span role="columnheader" className="col-title">
          {t('table.title')}
        </span>
        <span role="columnheader" className="col-year">
          {t('table.year')}
        </span>
        <span role="columnheader" className="col-kind">
          {t('table.kind')}
        </span>
        <span role="columnheader" className="col-rating">
          {t('table.rating')}
        </span>
        <span role="columnheader" className="col-badges">
          {t('table.status')}
        </span>
      </div>
      <div className="library-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <TableRow
            key={row.key}
            index={row.index}
            start={row.start}
            item={search.items[row.index]}
            tabbable={row.index === roving.active}
            onFocus={roving.setActive}
            kindLabel={kindLabel}
            number={number}
            loadingLabel={t('loadingTitle')}
          />
        ))}
      </div>
    </div>
  );
}

const TableRow = memo(function TableRow({
  index,
  start,
  item,
  tabbable,
  onFocus,
  kindLabel,
  number,
  loadingLabel,
}: {
  index: number;
  start: number;
  item: TitleSummary | undefined;
  tabbable: boolean;
  onFocus: (index: number) => void;
  kindLabel: (kind: string) => string;
  number: (n: number) => string;
  loadingLabel: string;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="table-row"
      style={{ transform: `translateY(${start}px)` }}
    >
      <span role="gridcell" className="col-art">
        {item && <Artwork id={item.id} />}
      </span>
      <span role="gridcell" className="col-title">
        {/* Always the same <a>, loaded or not: swapping elements would drop focus. */}
        <a
          href={item ? href('title', item.id) : undefined}
          className={item ? undefined : 'muted'}
          data-cell={index}
          tabIndex={tabbable ? 0 : -1}
          onFocus={() => onFocus(index)}
        >
          {item ? item.title : loadingLabel}
        </a>
      </span>
      <span role="gridcell" className="col-year">
        {item?.year ?? ''}
      </span>
      <span role="gridcell" className="col-kind">
        {item ? kindLabel(item.kind) : ''}
      </span>
      <span role="gridcell" className="col-rating">
        {item?.rating != null ? `★ ${number(item.rating)}` : ''}
      </span>
      <span role="gridcell" className="col-badges">
        {item && <Badges formats={item.formats} watchCount={item.watchCount} />}
      </span>
    </div>
  );
});
