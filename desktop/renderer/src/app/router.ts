import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/title/<id>`): they work the same from app:// in Electron and from
 * 127.0.0.1 in browser mode, and need no server-side fallback.
 */
export interface Route {
  /** First path segment: 'library', 'title', … */
  screen: string;
  /** The remaining segments, decoded. */
  params: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [screen = 'library', ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { screen, params, query: new URLSearchParams(search) };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** `href('title', id)` → '#/title/<id>'; query values that are empty are left out. */
export function href(screen: string, ...rest: (string | Record<string, string | undefined>)[]): string {
  const params = rest.filter((p): p is string => typeof p === 'string').map(encodeURIComponent);
  const query = rest.find((p): p is Record<string, string | undefined> => typeof p === 'object');
  const search = new URLSearchParams(
    Object.entries(query ?? {}).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return `#/${[screen, ...params].join('/')}${search ? `?${search}` : ''}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.location.replace(to);
  else window.location.hash = to.replace(/^#/, '');
}

/**
 * Rewrites the address without a hashchange, for a screen that already shows what the new
 * address says (the search field as you type): re-rendering the whole app on each keystroke
 * only delays the results. Back still leaves the screen; the route reads the new hash on the
 * next render.
 */
export function replaceQuietly(to: string): void {
  if (window.location.hash !== to) window.history.replaceState(window.history.state, '', to);
}
