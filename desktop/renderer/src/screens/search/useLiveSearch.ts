import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchResult } from '@reelshelf/shared/contracts';
import type { CoreError } from '@reelshelf/shared/contracts/errors';
import { asCoreError, useCore } from '../../core';

export interface LiveSearch {
  /** The query the shown results answer (may lag what is typed by one answer). */
  query: string;
  result: SearchResult | undefined;
  error: CoreError | undefined;
  pending: boolean;
}

type Shown = Omit<LiveSearch, 'pending'>;

/**
 * catalog.search as you type, with no debounce: the newest text is asked for as soon as the
 * core is free. The answer carries the text it is for, which the results list publishes
 * (data-query) so a benchmark can time a keystroke to its results.
 */
export function useLiveSearch(text: string, limit: number): LiveSearch {
  const core = useCore();
  const [state, setState] = useState<Shown>({
    query: '',
    result: undefined,
    error: undefined,
  });
  const [pending, setPending] = useState(false);
  /*
   * One call in flight at a time: keys typed meanwhile are coalesced into the newest text,
   * asked for as soon as the core answers. The core answers calls in order, so sending every
   * keystroke would queue them and the last word's results would wait for all the others.
   */
  const inFlight = useRef(false);
  const wanted = useRef({ text, limit });

  const ask = useCallback(() => {
    if (inFlight.current) return;
    const { text: query, limit: size } = wanted.current;
    if (!query) {
      setState({ query: '', result: undefined, error: undefined });
      setPending(false);
      return;
    }
    inFlight.current = true;
    setPending(true);
    const settle = (next: Shown | ((s: Shown) => Shown)) => {
      inFlight.current = false;
      const latest = wanted.current;
      if (latest.text === query && latest.limit === size) {
        setState(next);
        setPending(false);
      } else {
        // Show what we have (it is still closer than nothing) and ask for the newest text.
        setState(next);
        ask();
      }
    };
    core.call('catalog.search', { text: query, limit: size }).then(
      (result) => settle({ query, result, error: undefined }),
      (e: unknown) => settle((s) => ({ ...s, error: asCoreError(e) })),
    );
  }, [core]);

  useEffect(() => {
    wanted.current = { text, limit };
    ask();
  }, [ask, text, limit]);

  // Another window or a sync changed the library: ask again for what is shown.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = core.on('changed', () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 100);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [core, ask]);

  return { ...state, pending };
}
