import { useEffect, useRef, useState } from 'react';
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

/**
 * catalog.search on every keystroke. Like useQuery, answers to superseded calls are
 * dropped; unlike it, the answer carries the text it is for, which the results list
 * publishes (data-query) so a benchmark can time a keystroke to its results.
 */
export function useLiveSearch(text: string, limit: number): LiveSearch {
  const core = useCore();
  const [state, setState] = useState<Omit<LiveSearch, 'pending'>>({
    query: '',
    result: undefined,
    error: undefined,
  });
  const [pending, setPending] = useState(false);
  const sequence = useRef(0);

  useEffect(() => {
    const mine = ++sequence.current;
    if (!text) {
      setState({ query: '', result: undefined, error: undefined });
      setPending(false);
      return;
    }
    setPending(true);
    core.call('catalog.search', { text, limit }).then(
      (result) => {
        if (mine !== sequence.current) return;
        setState({ query: text, result, error: undefined });
        setPending(false);
      },
      (e: unknown) => {
        if (mine !== sequence.current) return;
        setState((s) => ({ ...s, error: asCoreError(e) }));
        setPending(false);
      },
    );
  }, [core, text, limit]);

  // Another window or a sync changed the library: ask again for what is shown.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = core.on('changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const query = text;
        if (!query) return;
        const mine = ++sequence.current;
        core.call('catalog.search', { text: query, limit }).then(
          (result) => mine === sequence.current && setState({ query, result, error: undefined }),
          () => undefined,
        );
      }, 100);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [core, text, limit]);

  return { ...state, pending };
}
