/**
 * Who the app trusts, as pure functions of URL strings (no Electron import, so vitest can
 * load this in plain Node). The page is served from `app://reelshelf/…` (app-protocol.ts).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'reelshelf';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string | null | undefined): URL | undefined {
  if (typeof url !== 'string' || url.length > 8192) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * A URL on the app's own origin: scheme `app`, host exactly `reelshelf`, no port, no user info.
 * (Node does not treat `app:` as a standard scheme, so URL.origin is "null" here; the parts are compared.)
 */
export function isAppUrl(url: string | null | undefined): boolean {
  const u = parse(url);
  return (
    u !== undefined &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/** Where a window may navigate: only within the app origin. Everything else is refused. */
export function isAllowedNavigation(url: string | null | undefined): boolean {
  return isAppUrl(url);
}

export interface IpcSender {
  /** The URL of the frame that sent the message (`event.senderFrame.url`); null when the frame is gone. */
  frameUrl: string | null | undefined;
  /** The URL of that web contents' top frame (`event.sender.getURL()`). */
  topUrl?: string | null;
  /** The sender frame is its web contents' main frame (not an iframe). */
  isMainFrame: boolean;
  /** The web contents belongs to one of our own windows. */
  ownWindow: boolean;
}

/**
 * IPC is answered only for the main frame of one of our windows showing the app origin:
 * not an iframe, not a page navigated elsewhere, not some other web contents.
 */
export function isTrustedSender(sender: IpcSender): boolean {
  if (!sender.ownWindow || !sender.isMainFrame || !isAppUrl(sender.frameUrl)) return false;
  return sender.topUrl === undefined || isAppUrl(sender.topUrl);
}
