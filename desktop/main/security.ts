import { app, shell, type WebContents } from 'electron';

/**
 * Electron's security checklist, applied to every web contents as it is created:
 * no navigation away from the core's own origin, no new windows, and only http(s)
 * links handed to the system browser.
 */
export function applySecurityRules(allowedOrigin: () => string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (new URL(url).origin !== allowedOrigin()) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const { protocol } = new URL(url);
      if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
