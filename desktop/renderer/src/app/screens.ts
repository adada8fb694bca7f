import { lazy, type ComponentType } from 'react';
import type { Route } from './router';

/**
 * Every screen, loaded when first opened so the library paints without waiting for the
 * rest. `nav` screens appear in the sidebar, in this order.
 */
export interface ScreenEntry {
  id: string;
  /** i18n key in the common namespace for the sidebar and the window title. */
  label: string;
  nav: boolean;
  component: ComponentType<{ route: Route }>;
  /** Fetches the screen's code; `component` uses it, `preloadScreen` calls it early. */
  load: () => Promise<unknown>;
}

type ScreenModule = Promise<{ default: ComponentType<{ route: Route }> }>;

/** An entry whose component is lazily loaded by `load`. */
function screen(entry: Omit<ScreenEntry, 'component' | 'load'>, load: () => ScreenModule): ScreenEntry {
  return { ...entry, load, component: lazy(load) };
}

export const SCREENS: ScreenEntry[] = [
  screen(
    { id: 'library', label: 'nav.library', nav: true },
    () => import('../screens/library/LibraryScreen'),
  ),
  screen({ id: 'search', label: 'nav.search', nav: true }, () => import('../screens/search/SearchScreen')),
  screen({ id: 'lists', label: 'nav.lists', nav: true }, () => import('../screens/lists/ListsScreen')),
  screen(
    { id: 'discover', label: 'nav.discover', nav: true },
    () => import('../screens/discover/DiscoverScreen'),
  ),
  screen({ id: 'stats', label: 'nav.stats', nav: true }, () => import('../screens/stats/StatsScreen')),
  screen({ id: 'import', label: 'nav.import', nav: true }, () => import('../screens/import/ImportScreen')),
  screen(
    { id: 'settings', label: 'nav.settings', nav: true },
    () => import('../screens/settings/SettingsScreen'),
  ),
  screen({ id: 'title', label: 'nav.title', nav: false }, () => import('../screens/title/TitleScreen')),
  screen({ id: 'series', label: 'nav.series', nav: false }, () => import('../screens/series/SeriesScreen')),
];

/**
 * Starts fetching the opening screen's code before React renders: otherwise the chunk is
 * only asked for once i18n is set up and the frame has rendered (~300 ms later on 100k).
 */
export function preloadScreen(id: string): void {
  void (SCREENS.find((s) => s.id === id) ?? SCREENS[0]!).load().catch(() => {
    // React.lazy asks again on render and shows the error there.
  });
}
