import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { TitleSummary } from '@reelshelf/shared/contracts';
import { href } from '../../app/router';
import { Artwork } from '../../ui/Artwork';
import { Badges } from '../../ui/Badges';
import type { PagedSearch } from './usePagedSearch';
import { keepRow, useRovingGrid } from './useRovingGrid';
import { useFirstPaintMark } from './useFirstPaintMark';

/** Narrowest poster cell and the gap between cells, in rem (they grow with the 4K font size). */
const MIN_CELL_REM = 9.5;
const GAP_REM = 1;
/** Title and year lines under the poster. */
const CAPTION_REM = 3.4;

function useSize(ref: React.RefObject<HTMLElement | null>) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Measured now, before the first paint: waiting for the observer costs a frame and a
    // render in which the grid has no width. The content box as the observer reports it
    // (the scroller has no padding): the border box less borders and scrollbar.
    const box = el.getBoundingClientRect();
    setSize({
      width: box.width - (el.offsetWidth - el.clientWidth),
      height: box.height - (el.offsetHeight - el.clientHeight),
    });
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/**
 * Posters in rows of as many cells as the width allows; only the rows in view (plus a few)
 * exist in the DOM, so 100,000 titles scroll like 100.
 */
export function PosterGrid({ search, label }: { search: PagedSearch; label: string }) {
  const { t } = useTranslation('library');
  const scroller = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(scroller);
  const count = search.total ?? 0;
  const rem = remPx();
  const gap = GAP_REM * rem;
  const columns = Math.max(1, Math.floor((width + gap) / (MIN_CELL_REM * rem + gap)));
  const cellWidth = width > 0 ? (width - gap * (columns - 1)) / columns : MIN_CELL_REM * rem;
  const rowHeight = Math.round(cellWidth * 1.5 + CAPTION_REM * rem + gap);
  // No rows until the width is known: one column would mean 100,000 rows to lay out for nothing.
  const rows = width > 0 ? Math.ceil(count / columns) : 0;

  // The row holding the focused cell stays rendered when scrolled away, so focus is not lost.
  const activeRow = useRef(0);
  const rangeExtractor = useCallback(
    (range: Range) => keepRow(defaultRangeExtractor(range), activeRow.current),
    [],
  );
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 2,
    rangeExtractor,
    isScrollingResetDelay: 120,
  });
  /*
   * Posters load for rows that are on screen while the scroll rests: drawing images for
   * rows that fly past is most of the cost of a fast scroll (measured on 100,000 demo
   * titles), and their titles are shown meanwhile. A row keeps its poster once shown.
   */
  const withArt = useRef(new Set<number>());
  if (!virtualizer.isScrolling)
    for (const row of virtualizer.getVirtualItems()) withArt.current.add(row.index);

  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' }),
    [virtualizer, columns],
  );
  const pageRows = Math.max(1, Math.floor(height / rowHeight));
  const roving = useRovingGrid({ count, columns, pageRows, container: scroller, scrollToIndex });
  activeRow.current = Math.floor(roving.active / columns);

  const virtualRows = virtualizer.getVirtualItems();
  const { startIndex: first, endIndex: last } = virtualizer.range ?? { startIndex: 0, endIndex: 0 };
  const { ensureRange } = search;
  useEffect(() => {
    if (count > 0)
      ensureRange(Math.max(0, first - 2) * columns, Math.min(count - 1, (last + 3) * columns - 1));
  }, [ensureRange, first, last, columns, count]);

  useFirstPaintMark(search.items[0] !== undefined && width > 0);

  return (
    <div
      ref={scroller}
      className="library-scroller library-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rows}
      aria-colcount={columns}
      onKeyDown={roving.onKeyDown}
      style={{ '--cell-width': `${cellWidth}px`, '--gap': `${gap}px` } as React.CSSProperties}
    >
      <div className="library-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {width > 0 &&
          virtualRows.map((row) => {
            const start = row.index * columns;
            const cells = [];
            for (let i = start; i < Math.min(start + columns, count); i++)
              cells.push(
                <PosterCell
                  key={i}
                  index={i}
                  item={search.items[i]}
                  tabbable={i === roving.active}
                  onFocus={roving.setActive}
                  loadingLabel={t('loadingTitle')}
                  art={withArt.current.has(row.index)}
                />,
              );
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={row.index + 1}
                className="library-row"
                style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
              >
                {cells}
              </div>
            );
          })}
      </div>
    </div>
  );
}

/** One poster; memoised so scrolling re-renders only the cells that come into view. */
const PosterCell = memo(function PosterCell({
  index,
  item,
  tabbable,
  onFocus,
  loadingLabel,
  art,
}: {
  index: number;
  item: TitleSummary | undefined;
  tabbable: boolean;
  onFocus: (index: number) => void;
  loadingLabel: string;
  art: boolean;
}) {
  // Always the same <a>, loaded or not: swapping elements when the page arrives would drop focus.
  return (
    <div role="gridcell" className="poster-cell">
      <a
        href={item ? href('title', item.id) : undefined}
        className={item ? 'poster-link' : 'poster-link poster-placeholder'}
        data-cell={index}
        tabIndex={tabbable ? 0 : -1}
        onFocus={() => onFocus(index)}
        aria-label={item ? undefined : loadingLabel}
      >
        <span className="poster-art">
          {item && art && <Artwork id={item.id} />}
          {item && (
            <span className="poster-badges">
              <Badges formats={item.formats} watchCount={item.watchCount} />
            </span>
          )}
        </span>
        {item && <span className="poster-title">{item.title}</span>}
        {item && item.year !== null && <span className="poster-year">{item.year}</span>}
      </a>
    </div>
  );
});
