/**
 * Electron's security checklist, applied to every web contents and session as they are
 * created. The decisions are pure functions (origin.ts, external-links.ts); this only wires them.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { safeExternalUrl } from './external-links';
import { isAllowedNavigation } from './origin';

/** Opens a link in the system browser if it passes safeExternalUrl; says whether it did. */
export function openExternal(url: unknown): boolean {
  const safe = safeExternalUrl(url);
  if (safe) void shell.openExternal(safe);
  return safe !== undefined;
}

function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Call before `app.whenReady()`. */
export function applySecurityRules(): void {
  app.on('session-created', denyPermissions);
  void app.whenReady().then(() => denyPermissions(session.defaultSession));

  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Navigation stays on the app origin; a link elsewhere opens in the browser if it is allowed there.
    contents.on('will-frame-navigate', (details) => {
      if (isAllowedNavigation(details.url)) return;
      details.preventDefault();
      if (details.isMainFrame && !details.isSameDocument) openExternal(details.url);
    });
    contents.on('will-redirect', (details) => {
      if (!isAllowedNavigation(details.url)) details.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No new windows, ever; target=_blank links go to the browser if allowed.
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url);
      return { action: 'deny' };
    });
  });
}
