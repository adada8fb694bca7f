import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, savedTheme } from './app/theme';
import { restoreSettings } from './app/restore-settings';
import { connectToCore, CoreProvider } from './core';
import { setupI18n } from './i18n';
import './styles/theme.css';
import './styles/base.css';

applyTheme(savedTheme());
await setupI18n();
const core = connectToCore();
void restoreSettings(core);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CoreProvider client={core}>
      <App />
    </CoreProvider>
  </StrictMode>,
);
