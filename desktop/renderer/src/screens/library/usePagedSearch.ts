import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchQuery, TitleSummary } from '@reelshelf/shared/contracts';
import type { CoreError } from '@reelshelf/shared/contracts/errors';
import { asCoreError, useCore } from '../../core';

/** Titles per call once the first screenful is there (the core allows up to 500). */
export const PAGE_SIZE = 200;
/** The first call asks for little so the first cells paint quickly. */
const FIRST_SIZE = 60;

export interface PagedSearch {
  /** undefined until the first answer. */
  total: number | undefined;
  /** Sparse: items[i] is set once its page has arrived. */
  items: readonly (TitleSummary | undefined)[];
  error: CoreError | undefined;
  /** Ask for the pages covering [start, end] if not asked for yet. */
  ensureRange(start: number, end: number): void;
}

/**
 * catalog.search for a grid of any length: pages are fetched lazily for the visible range
 * and cached by offset. A new query starts over (showing the last answer until its first
 * page comes); a change in the library ('changed' event)
 * keeps what is shown and fetches the visible pages again, so nothing blinks.
 */
export function usePagedSearch(query: Omit<SearchQuery, 'limit' | 'offset'>): PagedSearch {
  const core = useCore();
  const key = JSON.stringify(query);
  const [state, setState] = useState<{
    key: string;
    total?: number;
    items: (TitleSummary | undefined)[];
    error?: CoreError;
  }>({ key, items: [] });
  /** Pages asked for in this generation; a new generation (query or library change) asks again. */
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const visible = useRef<[number, number]>([0, 0]);
  const firstAsked = useRef(false);

  const fetchPage = useCallback(
    (offset: number, limit: number) => {
      const mine = generation.current;
      core.call('catalog.search', { ...(JSON.parse(key) as SearchQuery), offset, limit }).then(
        (result) => {
          if (mine !== generation.current) return;
          setState((s) => {
            // The previous query's titles stay on screen until the new query's first answer.
            const items = s.key === key ? s.items.slice(0, result.total) : [];
            items.length = result.total;
            result.items.forEach((item, i) => (items[offset + i] = item));
            return { key, total: result.total, items };
          });
        },
        (e: unknown) => {
          if (mine !== generation.current) return;
          requested.current.delete(offset);
          setState((s) =>
            s.key === key ? { ...s, error: asCoreError(e) } : { key, items: [], error: asCoreError(e) },
          );
        },
      );
    },
    [core, key],
  );

  const ensureRange = useCallback(
    (start: number, end: number) => {
      visible.current = [start, end];
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
        const offset = page * PAGE_SIZE;
        if (requested.current.has(offset)) continue;
        if (offset === 0 && firstAsked.current && end < FIRST_SIZE) continue; // the first call covers it
        requested.current.add(offset);
        fetchPage(offset, PAGE_SIZE);
      }
    },
    [fetchPage],
  );

  // A new query: forget everything, ask for a small first page.
  useEffect(() => {
    generation.current++;
    requested.current = new Set();
    visible.current = [0, 0];
    firstAsked.current = true;
    fetchPage(0, FIRST_SIZE);
  }, [key, fetchPage]);

  // The library changed: fetch the visible pages again, keep showing the old ones meanwhile.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = core.on('changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        generation.current++;
        requested.current = new Set();
        firstAsked.current = false;
        const [start, end] = visible.current;
        if (end <= start) fetchPage(0, FIRST_SIZE);
        else ensureRange(start, end);
      }, 100);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [core, fetchPage, ensureRange]);

  // Until the new query answers, the last answer is shown (typing in the filter does not blink).
  return { total: state.total, items: state.items, error: state.error, ensureRange };
}
