import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * Roving tabindex over a virtualised grid: one cell is in the tab order, arrow keys move it,
 * PageUp/PageDown by a screenful, Home/End to the first/last title (the grid is one long
 * wrapped list to the reader, so "first" means the library's first, not the row's).
 * The cell to focus may not be rendered yet, so the caller scrolls the virtualiser to its row
 * and we focus it once it appears.
 */
export function useRovingGrid({
  count,
  columns,
  pageRows,
  container,
  scrollToIndex,
}: {
  count: number;
  columns: number;
  /** Rows moved by PageUp/PageDown. */
  pageRows: number;
  container: React.RefObject<HTMLElement | null>;
  scrollToIndex: (index: number) => void;
}) {
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const current = Math.min(active, Math.max(0, count - 1));

  const focusCell = useCallback(
    (index: number) => {
      pendingFocus.current = index;
      setActive(index);
      scrollToIndex(index);
      // Retry for a few frames: the row mounts once the virtualiser has seen the new scroll offset.
      let tries = 0;
      const attempt = () => {
        if (pendingFocus.current !== index) return;
        const el = container.current?.querySelector<HTMLElement>(`[data-cell="${index}"]`);
        if (el) {
          el.focus({ preventScroll: true });
          pendingFocus.current = null;
        } else if (tries++ < 30) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [container, scrollToIndex],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (count === 0 || e.altKey) return;
      // Keys pressed faster than focus follows count from where focus is heading.
      const target = e.target as HTMLElement;
      const from =
        pendingFocus.current ?? (target.dataset.cell !== undefined ? Number(target.dataset.cell) : current);
      let to: number;
      switch (e.key) {
        case 'ArrowRight':
          to = from + 1;
          break;
        case 'ArrowLeft':
          to = from - 1;
          break;
        case 'ArrowDown':
          to = from + columns;
          break;
        case 'ArrowUp':
          to = from - columns;
          break;
        case 'PageDown':
          to = from + columns * pageRows;
          break;
        case 'PageUp':
          to = from - columns * pageRows;
          break;
        case 'Home':
          to = 0;
          break;
        case 'End':
          to = count - 1;
          break;
        default:
          return;
      }
      e.preventDefault();
      to = Math.max(0, Math.min(count - 1, to));
      if (to !== from) focusCell(to);
    },
    [count, columns, pageRows, current, focusCell],
  );

  // A new result set starts at the top.
  useEffect(() => {
    if (active >= count) setActive(0);
  }, [active, count]);

  return { active: current, setActive, onKeyDown };
}

/** The virtualiser's rows plus the focused one, so scrolling it out of view does not drop focus. */
export function keepRow(indexes: number[], row: number): number[] {
  return indexes.includes(row) ? indexes : [...indexes, row].sort((a, b) => a - b);
}
