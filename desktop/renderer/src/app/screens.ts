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
}

export const SCREENS: ScreenEntry[] = [
  {
    id: 'library',
    label: 'nav.library',
    nav: true,
    component: lazy(() => import('../screens/library/LibraryScreen')),
  },
  {
    id: 'search',
    label: 'nav.search',
    nav: true,
    component: lazy(() => import('../screens/search/SearchScreen')),
  },
  {
    id: 'lists',
    label: 'nav.lists',
    nav: true,
    component: lazy(() => import('../screens/lists/ListsScreen')),
  },
  {
    id: 'discover',
    label: 'nav.discover',
    nav: true,
    component: lazy(() => import('../screens/discover/DiscoverScreen')),
  },
  {
    id: 'stats',
    label: 'nav.stats',
    nav: true,
    component: lazy(() => import('../screens/stats/StatsScreen')),
  },
  {
    id: 'import',
    label: 'nav.import',
    nav: true,
    component: lazy(() => import('../screens/import/ImportScreen')),
  },
  {
    id: 'settings',
    label: 'nav.settings',
    nav: true,
    component: lazy(() => import('../screens/settings/SettingsScreen')),
  },
  {
    id: 'title',
    label: 'nav.title',
    nav: false,
    component: lazy(() => import('../screens/title/TitleScreen')),
  },
  {
    id: 'series',
    label: 'nav.series',
    nav: false,
    component: lazy(() => import('../screens/series/SeriesScreen')),
  },
];
