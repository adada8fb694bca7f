/**
 * The Content-Security-Policy of the app's pages, in one place. Electron's app:// protocol
 * sends APP_CSP on every response; browser mode (server.ts) keeps its own policy for now
 * because its page must also reach the WebSocket door — `contentSecurityPolicy` builds that
 * variant from the same directives (e.g. with `connect-src` widened to `ws://127.0.0.1:*`).
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const APP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'img-src': ["'self'", 'reelshelf-art:', 'data:'],
  'style-src': ["'self'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function contentSecurityPolicy(overrides: CspDirectives = {}): string {
  return Object.entries({ ...APP_CSP_DIRECTIVES, ...overrides })
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** default-src 'self'; img-src 'self' reelshelf-art: data:; style-src 'self'; … frame-ancestors 'none' */
export const APP_CSP = contentSecurityPolicy();
