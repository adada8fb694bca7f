import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useCore } from '../core';
import { Loading } from '../ui/Status';
import { href, navigate, useRoute } from './router';
import { SCREENS } from './screens';
import { QuickSearch } from './QuickSearch';

/** The frame around every screen: skip link, sidebar, quick search, connection banner. */
export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const core = useCore();
  const connection = useConnection();
  const screen = SCREENS.find((s) => s.id === route.screen) ?? SCREENS[0]!;
  const Screen = screen.component;

  useEffect(() => core.onNavigate((path) => navigate(`#/${path}`)), [core]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <a className="brand" href={href('library')}>
          Reelshelf
        </a>
        <QuickSearch />
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {SCREENS.filter((s) => s.nav).map((s) => (
            <li key={s.id}>
              <a href={href(s.id)} aria-current={s.id === screen.id ? 'page' : undefined}>
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {connection === 'closed' && (
          <p className="banner banner-warning" role="status">
            {t('connection.lost')}
          </p>
        )}
        <Suspense fallback={<Loading />}>
          <Screen route={route} />
        </Suspense>
      </main>
    </div>
  );
}

function skipToMain(event: React.MouseEvent) {
  // A hash link would change the route; move focus instead.
  event.preventDefault();
  document.getElementById('main')?.focus();
}
