import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, savedTheme } from './app/theme';
import { connectToCore, CoreProvider } from './core';
import { setupI18n } from './i18n';
import './styles/theme.css';
import './styles/base.css';

applyTheme(savedTheme());
await setupI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CoreProvider client={connectToCore()}>
      <App />
    </CoreProvider>
  </StrictMode>,
);
