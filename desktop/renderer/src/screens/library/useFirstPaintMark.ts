import { useEffect } from 'react';

let marked = false;

/**
 * `performance.mark('library:first-paint')` once per page load, in the frame after the
 * commit that first shows title cells: the benchmark reads it as "the library is usable".
 */
export function useFirstPaintMark(cellsShown: boolean): void {
  useEffect(() => {
    if (!cellsShown || marked) return;
    marked = true;
    requestAnimationFrame(() => performance.mark('library:first-paint'));
  }, [cellsShown]);
}
