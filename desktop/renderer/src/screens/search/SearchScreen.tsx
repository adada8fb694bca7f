import { memo, useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SearchResult, TitleSummary } from '@reelshelf/shared/contracts';
import { href, navigate, replaceQuietly, type Route } from '../../app/router';
import { useFormat } from '../../i18n/format';
import { Artwork } from '../../ui/Artwork';
import { BadgesWith } from '../../ui/Badges';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorMessage } from '../../ui/Status';
import { useLiveSearch } from './useLiveSearch';
import './search.css';

const STEP = 50;
const POSTER_DELAY_MS = 250;
/** Rows drawn with the keystroke's answer; the others follow in a deferred render. */
const FIRST_ROWS = 12;

/**
 * Search as you type: every keystroke asks the core (typos are corrected there and the
 * correction shown), the URL follows the field so Back and links work.
 */
export default function SearchScreen({ route }: { route: Route }) {
  const { t } = useTranslation('search');
  const { number } = useFormat();
  const fromUrl = route.query.get('q') ?? '';
  const [text, setText] = useState(fromUrl);
  const [limit, setLimit] = useState(STEP);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  // Back/forward or the header's quick search changed q: show it.
  useEffect(() => {
    setText((current) => (current.trim() === fromUrl.trim() ? current : fromUrl));
  }, [fromUrl]);
  useEffect(() => input.current?.focus(), []);

  const query = text.trim();
  useEffect(() => setLimit(STEP), [query]);
  const live = useLiveSearch(query, limit);
  // The address follows the field once the keystroke's search is sent (useLiveSearch's effect
  // runs first): history.replaceState costs ~4 ms in Chromium, on the way to the results if
  // done in the input handler.
  useEffect(() => replaceQuietly(href('search', { q: query })), [query]);

  const onType = (value: string) => setText(value);

  /*
   * Posters load once the results stop changing. Every poster is a request to the core, which
   * answers searches on the same thread: fifty posters per keystroke made the next keystroke's
   * results wait behind them.
   */
  const [postersFor, setPostersFor] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setPostersFor(live.query), POSTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [live.query]);

  // A screenful of rows first; the rest in a render React may put off while keys keep coming.
  const rest = useDeferredValue(live.result);

  // The results for `live.query` are in the DOM now: tell the benchmark.
  useLayoutEffect(() => {
    if (live.result) performance.mark('search:results');
  }, [live.result]);

  const focusResult = (index: number) => {
    const links = list.current?.querySelectorAll<HTMLAnchorElement>('a.search-result');
    if (!links?.length) return;
    if (index < 0) input.current?.focus();
    else links[Math.min(index, links.length - 1)]?.focus();
  };

  return (
    <Page title={t('common:nav.search')}>
      <div className="search-screen">
        <input
          ref={input}
          type="search"
          className="search-field"
          aria-label={t('field')}
          placeholder={t('placeholder')}
          value={text}
          onChange={(e) => onType(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusResult(0);
            } else if (e.key === 'Enter') {
              const first = live.result?.items[0];
              if (first && live.query === query) navigate(href('title', first.id));
            }
          }}
          aria-describedby="search-summary"
        />
        <div id="search-summary" className="search-summary" role="status" aria-live="polite">
          {live.result && query && (
            <>
              <Corrections text={live.query} corrections={live.result.corrections} />
              <span>{t('count', { count: live.result.total, formatted: number(live.result.total) })}</span>
            </>
          )}
        </div>
        <ErrorMessage error={live.error} />
        {!query ? (
          <EmptyState title={t('start')} />
        ) : live.result && live.result.total === 0 ? (
          <EmptyState title={t('none', { query: live.query })} />
        ) : null}
        <div
          className="search-results"
          data-query={live.result ? live.query : undefined}
          aria-busy={live.pending}
        >
          {live.result && live.result.items.length > 0 && (
            <ul
              ref={list}
              className="search-list"
              aria-label={t('results')}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
                e.preventDefault();
                const links = [...(list.current?.querySelectorAll('a.search-result') ?? [])];
                const at = links.indexOf(document.activeElement as Element);
                focusResult(at + (e.key === 'ArrowDown' ? 1 : -1));
              }}
            >
              {(rest === live.result ? live.result.items : live.result.items.slice(0, FIRST_ROWS)).map(
                (item) => (
                  <ResultRow key={item.id} item={item} showPoster={postersFor === live.query} t={t} />
                ),
              )}
            </ul>
          )}
          {live.result && live.result.total > live.result.items.length && limit < 500 && (
            <button
              type="button"
              className="search-more"
              onClick={() => setLimit((l) => Math.min(500, l + STEP))}
            >
              {t('more')}
            </button>
          )}
        </div>
      </div>
    </Page>
  );
}

/** "Showing results for matrix" when a word was not in the library and another was searched. */
function Corrections({ text, corrections }: { text: string; corrections: SearchResult['corrections'] }) {
  const { t, i18n } = useTranslation('search');
  if (corrections.length === 0) return null;
  const or = new Intl.ListFormat(i18n.language, { type: 'disjunction' });
  const corrected = text
    .split(/\s+/)
    .map((word) => {
      const fix = corrections.find((c) => c.from.toLowerCase() === word.toLowerCase());
      return fix && fix.to.length ? or.format(fix.to) : word;
    })
    .join(' ');
  // A correction for a word spelled differently than typed (accents, punctuation): say the words searched.
  const shown = corrected === text ? corrections.map((c) => or.format(c.to)).join(' ') : corrected;
  return <p className="search-correction">{t('correctedTo', { query: shown })}</p>;
}

/** `t` comes from the list, so fifty rows do not each subscribe to i18n on every keystroke. */
const ResultRow = memo(function ResultRow({
  item,
  showPoster,
  t,
}: {
  item: TitleSummary;
  showPoster: boolean;
  t: TFunction;
}) {
  return (
    <li>
      <a className="search-result" href={href('title', item.id)}>
        {showPoster ? (
          <Artwork id={item.id} className="search-poster" />
        ) : (
          <span className="artwork artwork-poster search-poster" aria-hidden="true" />
        )}
        <span className="search-text">
          <span className="search-title">{item.title}</span>
          <span className="search-meta">
            {[item.year, t(`common:kind.${item.kind}`)].filter((v) => v !== null).join(' · ')}
            {item.originalTitle && item.originalTitle !== item.title && (
              <span className="search-original"> · {item.originalTitle}</span>
            )}
          </span>
        </span>
        <BadgesWith t={t} formats={item.formats} watchCount={item.watchCount} />
      </a>
    </li>
  );
});
