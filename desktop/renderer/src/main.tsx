import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, savedTheme } from './app/theme';
import { restoreSettings } from './app/restore-settings';
import { parseRoute } from './app/router';
import { preloadScreen } from './app/screens';
import { connectToCore, CoreProvider } from './core';
import { setupI18n } from './i18n';
import './styles/theme.css';
import './styles/base.css';

applyTheme(savedTheme());
// The screen's code and the core's socket are on their way while i18n sets up.
preloadScreen(parseRoute(window.location.hash).screen);
const core = connectToCore();
await setupI18n();
void restoreSettings(core);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CoreProvider client={core}>
      <App />
    </CoreProvider>
  </StrictMode>,
);
